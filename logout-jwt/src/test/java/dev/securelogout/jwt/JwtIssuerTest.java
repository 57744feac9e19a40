package dev.securelogout.jwt;

import static dev.securelogout.jwt.Fixtures.AUDIENCE;
import static dev.securelogout.jwt.Fixtures.EC;
import static dev.securelogout.jwt.Fixtures.ISSUER;
import static dev.securelogout.jwt.Fixtures.RSA;
import static dev.securelogout.jwt.Fixtures.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.tck.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JwtIssuerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00.750Z"));
    private final LogoutEngine engine = LogoutEngine.builder().inMemory().clock(clock).noListeners().build();

    private JwtIssuer.Builder configured(JwtIssuer.Builder builder) {
        return builder.engine(engine).issuer(ISSUER).audience(AUDIENCE);
    }

    @Test
    void mintsEveryClaimOnTheEnginesClock() throws Exception {
        SignedAccessToken token = configured(JwtIssuer.withSecret(SECRET)).timeToLive(Duration.ofMinutes(10)).build()
                .issue("alice");
        SignedJWT jwt = SignedJWT.parse(token.value());
        AccessTokenClaims claims = token.claims();

        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        assertEquals(ISSUER, jwt.getJWTClaimsSet().getIssuer());
        assertEquals(List.of(AUDIENCE), jwt.getJWTClaimsSet().getAudience());
        assertEquals("alice", jwt.getJWTClaimsSet().getSubject());
        assertEquals(Instant.parse("2025-06-01T10:00:00Z"), jwt.getJWTClaimsSet().getIssueTime().toInstant());
        assertEquals(Instant.parse("2025-06-01T10:10:00Z"), jwt.getJWTClaimsSet().getExpirationTime().toInstant());
        assertEquals(0L, jwt.getJWTClaimsSet().getClaim("ver"));
        assertEquals(jwt.getJWTClaimsSet().getJWTID(), claims.id().jti());
        assertEquals(ISSUER, claims.id().issuer());
        assertEquals(Instant.parse("2025-06-01T10:00:00Z"), claims.issuedAt());
        assertEquals(Instant.parse("2025-06-01T10:10:00Z"), claims.expiresAt());
    }

    @Test
    void jtiIsRandomWithAtLeast128Bits() {
        JwtIssuer issuer = configured(JwtIssuer.withSecret(SECRET)).build();
        Set<String> jtis = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 2000).parallel().forEach(i -> jtis.add(issuer.issue("alice").claims().id().jti()));

        assertEquals(2000, jtis.size());
        jtis.forEach(jti -> assertTrue(Base64.getUrlDecoder().decode(jti).length >= 16, jti));
    }

    @Test
    void carriesTheUsersCurrentTokenVersion() {
        JwtIssuer issuer = configured(JwtIssuer.withSecret(SECRET)).versionClaim("tv").build();
        assertEquals(0, issuer.issue("alice").claims().version().getAsLong());

        engine.logoutEverywhere("alice", Device.unknown());
        engine.logoutEverywhere("alice", Device.unknown());

        assertEquals(2, issuer.issue("alice").claims().version().getAsLong());
        assertEquals(0, issuer.issue("bob").claims().version().getAsLong());
    }

    @Test
    void signsWithRsaAndEcKeysUnderTheirDefaultAlgorithms() throws Exception {
        SignedAccessToken rsa = configured(JwtIssuer.withPrivateKey(RSA.getPrivate())).keyId("k1").build().issue("alice");
        SignedAccessToken ec = configured(JwtIssuer.withPrivateKey(EC.getPrivate())).build().issue("alice");

        assertEquals(JWSAlgorithm.RS256, SignedJWT.parse(rsa.value()).getHeader().getAlgorithm());
        assertEquals("k1", SignedJWT.parse(rsa.value()).getHeader().getKeyID());
        assertEquals(JWSAlgorithm.ES256, SignedJWT.parse(ec.value()).getHeader().getAlgorithm());
        assertEquals(JWSAlgorithm.PS256, SignedJWT.parse(configured(JwtIssuer.withPrivateKey(RSA.getPrivate()))
                .algorithm(JWSAlgorithm.PS256).build().issue("alice").value()).getHeader().getAlgorithm());
    }

    @Test
    void refusesLifetimesOverFifteenMinutes() {
        assertThrows(IllegalStateException.class,
                () -> configured(JwtIssuer.withSecret(SECRET)).timeToLive(Duration.ofMinutes(15).plusSeconds(1)).build());
        assertThrows(IllegalStateException.class, () -> configured(JwtIssuer.withSecret(SECRET)).timeToLive(Duration.ZERO).build());
        configured(JwtIssuer.withSecret(SECRET)).timeToLive(Duration.ofMinutes(15)).build();
    }

    @Test
    void refusesTokensThatWouldOutliveTheEnginesDenialOfTheirGrant() {
        LogoutEngine shortLived = LogoutEngine.builder().inMemory().clock(clock).noListeners()
                .accessTokenLifetime(Duration.ofMinutes(5)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> JwtIssuer.withSecret(SECRET).engine(shortLived)
                .issuer(ISSUER).audience(AUDIENCE).timeToLive(Duration.ofMinutes(10)).build());
        assertTrue(e.getMessage().contains("accessTokenLifetime"), e.getMessage());
        JwtIssuer.withSecret(SECRET).engine(shortLived).issuer(ISSUER).audience(AUDIENCE).timeToLive(Duration.ofMinutes(5)).build();
    }

    @Test
    void refusesIncompleteOrUnfitConfiguration() {
        assertThrows(IllegalStateException.class, () -> JwtIssuer.withSecret(SECRET).issuer(ISSUER).audience(AUDIENCE).build());
        assertThrows(IllegalStateException.class, () -> JwtIssuer.withSecret(SECRET).engine(engine).audience(AUDIENCE).build());
        assertThrows(IllegalStateException.class, () -> JwtIssuer.withSecret(SECRET).engine(engine).issuer(ISSUER).build());
        assertThrows(IllegalStateException.class, () -> configured(JwtIssuer.withSecret(SECRET)).versionClaim("exp").build());
        assertThrows(IllegalArgumentException.class, () -> JwtIssuer.withSecret(new byte[16]));
        assertThrows(IllegalArgumentException.class, () -> JwtIssuer.withSecret(SECRET).algorithm(JWSAlgorithm.RS256));
        assertThrows(IllegalArgumentException.class, () -> JwtIssuer.withPrivateKey(EC.getPrivate()).algorithm(JWSAlgorithm.ES512));
        assertThrows(IllegalArgumentException.class, () -> configured(JwtIssuer.withSecret(SECRET)).build().issue(""));
    }

    @Test
    void takesEachSettingOnceAndNamesWhatIsMissing() {
        assertEquals("issuer is already set", assertThrows(IllegalStateException.class,
                () -> configured(JwtIssuer.withSecret(SECRET)).issuer("https://other.example")).getMessage());
        assertEquals("timeToLive is already set", assertThrows(IllegalStateException.class,
                () -> JwtIssuer.withSecret(SECRET).timeToLive(Duration.ofMinutes(1)).timeToLive(Duration.ofMinutes(2))).getMessage());
        assertEquals("engine is required", assertThrows(IllegalStateException.class,
                () -> JwtIssuer.withSecret(SECRET).issuer(ISSUER).audience(AUDIENCE).build()).getMessage());
    }

    @Test
    void toStringDoesNotRevealTheToken() {
        SignedAccessToken token = configured(JwtIssuer.withSecret(SECRET)).build().issue("alice");

        assertFalse(token.toString().contains(token.value()));
        assertFalse(token.toString().contains(token.value().substring(token.value().lastIndexOf('.') + 1)));
    }
}
