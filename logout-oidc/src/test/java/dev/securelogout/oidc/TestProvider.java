package dev.securelogout.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * A stand-in provider on the JDK's HTTP server: discovery metadata and a JWKS with one RSA key, and
 * logout tokens signed with it. For the validator's unit tests; the real provider is Keycloak in
 * the example's tests.
 */
final class TestProvider implements AutoCloseable {

    static final String CLIENT_ID = "app";
    static final RSAKey KEY = generate("key-1");
    static final RSAKey OTHER_KEY = generate("key-1");

    private final HttpServer server;
    final String issuer;

    TestProvider() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realm";
        serve("/realm/.well-known/openid-configuration", """
                {"issuer":"%1$s","authorization_endpoint":"%1$s/auth","token_endpoint":"%1$s/token",
                 "end_session_endpoint":"%1$s/logout","jwks_uri":"%1$s/jwks","response_types_supported":["code"],
                 "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}""".formatted(issuer));
        serve("/realm/jwks", new JWKSet(KEY.toPublicJWK()).toString());
        server.start();
    }

    /** A client of this provider. */
    OidcClient client() {
        return OidcClient.builder(URI.create(issuer), CLIENT_ID, "secret")
                .redirectUri(URI.create("http://127.0.0.1/login/oidc/callback")).build();
    }

    /** Claims of a valid logout token issued now. */
    JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(CLIENT_ID)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString())
                .subject("user-1")
                .claim("sid", "sid-1")
                .claim("events", Map.of(LogoutTokenValidator.EVENT, Map.of()));
    }

    /** The header of a valid logout token. */
    static JWSHeader.Builder header() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("logout+jwt")).keyID(KEY.getKeyID());
    }

    /** {@code claims} under {@code header}, signed with {@code key}. */
    static String sign(JWSHeader header, JWTClaimsSet claims, RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid logout token with {@code claims}. */
    String token(JWTClaimsSet claims) {
        return sign(header().build(), claims, KEY);
    }

    private void serve(String path, String json) {
        server.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
