package dev.securelogout.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RemoteJwksTest {

    private static final KeyPair OTHER = Fixtures.generate("RSA", new java.security.spec.RSAKeyGenParameterSpec(2048,
            java.security.spec.RSAKeyGenParameterSpec.F4));
    private static final Set<JWSAlgorithm> RS256 = Set.of(JWSAlgorithm.RS256);

    private final AtomicReference<JWKSet> published = new AtomicReference<>(set("key-1", Fixtures.RSA));
    private final AtomicInteger fetches = new AtomicInteger();
    private final HttpServer server = serve();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    @DisplayName("verifies a token signed by a published key and refuses one signed by another key under the same kid")
    void verifiesWithThePublishedKey() throws Exception {
        RemoteJwks jwks = RemoteJwks.of(uri());
        assertTrue(jwks.verifies(token("key-1", Fixtures.RSA), RS256));
        assertFalse(jwks.verifies(token("key-1", OTHER), RS256));
        assertEquals(1, fetches.get());
    }

    @Test
    @DisplayName("a token under a new kid fetches the set again at once, so a rotated key works without a restart")
    void followsARotation() throws Exception {
        RemoteJwks jwks = RemoteJwks.of(uri());
        assertTrue(jwks.verifies(token("key-1", Fixtures.RSA), RS256));
        published.set(set("key-2", OTHER));
        assertTrue(jwks.verifies(token("key-2", OTHER), RS256));
        assertEquals(2, fetches.get());
    }

    @Test
    @DisplayName("made-up kids cannot make it fetch more than twice per refresh interval")
    void unknownKidsAreRateLimited() throws Exception {
        RemoteJwks jwks = RemoteJwks.builder(uri()).minRefreshInterval(Duration.ofMinutes(1))
                .timeToLive(Duration.ofMinutes(5)).build();
        for (int i = 0; i < 20; i++) {
            assertFalse(jwks.verifies(token("made-up-" + i, Fixtures.RSA), RS256));
        }
        assertTrue(fetches.get() <= 3, "fetches: " + fetches.get());
    }

    @Test
    @DisplayName("fails closed: a provider that cannot be reached verifies nothing")
    void failsClosed() throws Exception {
        URI nowhere;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nowhere = URI.create("http://127.0.0.1:" + free.getLocalPort() + "/jwks");
        }
        assertFalse(RemoteJwks.of(nowhere).verifies(token("key-1", Fixtures.RSA), RS256));
    }

    @Test
    @DisplayName("an HMAC token keyed with the provider's public key is refused, and HMAC cannot be configured")
    void refusesAlgorithmConfusion() throws Exception {
        RemoteJwks jwks = RemoteJwks.of(uri());
        byte[] publicKey = Fixtures.RSA.getPublic().getEncoded();
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(),
                Fixtures.validClaims(Instant.now()).build());
        hmac.sign(new MACSigner(publicKey));
        assertFalse(jwks.verifies(hmac, Set.of(JWSAlgorithm.HS256, JWSAlgorithm.RS256)));
        assertThrows(IllegalArgumentException.class, () -> jwks.keySelector(Set.of(JWSAlgorithm.HS256)));
        assertThrows(IllegalArgumentException.class, () -> NimbusAccessTokenVerifier.withJwks(jwks).algorithms(JWSAlgorithm.HS256));
    }

    @Test
    @DisplayName("the builder takes each setting once, and refuses a time to live not longer than the refresh interval")
    void builderTakesEachSettingOnce() {
        assertEquals("timeToLive is already set", assertThrows(IllegalStateException.class,
                () -> RemoteJwks.builder(uri()).timeToLive(Duration.ofMinutes(5)).timeToLive(Duration.ofMinutes(10))).getMessage());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RemoteJwks.builder(uri()).timeToLive(Duration.ofSeconds(30)).minRefreshInterval(Duration.ofMinutes(1)).build());
        assertTrue(e.getMessage().contains("timeToLive") && e.getMessage().contains("minRefreshInterval"), e.getMessage());
    }

    @Test
    @DisplayName("NimbusAccessTokenVerifier over the provider's keys accepts its access tokens and refuses others")
    void accessTokenVerifierOverJwks() throws Exception {
        NimbusAccessTokenVerifier verifier = NimbusAccessTokenVerifier.withJwks(RemoteJwks.of(uri()))
                .issuer(Fixtures.ISSUER).audience(Fixtures.AUDIENCE).build();
        assertEquals("alice", verifier.verify(token("key-1", Fixtures.RSA).serialize()).orElseThrow().subject());
        assertTrue(verifier.verify(token("key-1", OTHER).serialize()).isEmpty());
    }

    private static SignedJWT token(String kid, KeyPair key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(),
                Fixtures.validClaims(Instant.now()).build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        return jwt;
    }

    private static JWKSet set(String kid, KeyPair key) {
        return new JWKSet(new RSAKey.Builder((RSAPublicKey) key.getPublic()).keyID(kid).build());
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
    }

    private HttpServer serve() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/jwks", exchange -> {
                fetches.incrementAndGet();
                byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
