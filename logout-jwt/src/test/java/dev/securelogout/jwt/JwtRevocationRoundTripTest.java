package dev.securelogout.jwt;

import static dev.securelogout.jwt.Fixtures.AUDIENCE;
import static dev.securelogout.jwt.Fixtures.ISSUER;
import static dev.securelogout.jwt.Fixtures.RSA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.securelogout.core.AccessTokenStatus;
import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutRequest;
import dev.securelogout.core.SecurityEvent;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.tck.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Real signed tokens from {@link JwtIssuer}, verified by {@link NimbusAccessTokenVerifier}, judged
 * by the {@link LogoutEngine}: what a bearer guard does on every request.
 */
class JwtRevocationRoundTripTest {

    private static final Device CLIENT = Device.of("curl/8.5.0", "192.0.2.7");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00.300Z"));
    private final LogoutEngine engine = LogoutEngine.builder().inMemory().clock(clock).noListeners().build();
    private final JwtIssuer issuer = JwtIssuer.withPrivateKey(RSA.getPrivate()).engine(engine)
            .issuer(ISSUER).audience(AUDIENCE).build();
    private final NimbusAccessTokenVerifier verifier = NimbusAccessTokenVerifier.withPublicKey(RSA.getPublic())
            .issuer(ISSUER).audience(AUDIENCE).clock(clock).build();

    /** What a bearer guard answers for {@code token}: verify, then ask the engine. */
    private AccessTokenStatus guard(String token) {
        return verifier.verify(token).map(engine::checkAccessToken).orElse(AccessTokenStatus.REVOKED);
    }

    @Test
    void loggedOutTokenIsRefusedOnTheNextRequest() {
        String token = issuer.issue("alice").value();
        String other = issuer.issue("alice").value();
        assertEquals(AccessTokenStatus.ACTIVE, guard(token));

        engine.logout(LogoutRequest.from(CLIENT).withAccessToken(verifier.verify(token).orElseThrow()));

        assertEquals(AccessTokenStatus.REVOKED, guard(token));
        assertEquals(AccessTokenStatus.ACTIVE, guard(other), "another device's token lives on");
    }

    @Test
    void reEncodedTokenWithTheSameIssuerAndJtiIsRefusedToo() throws Exception {
        SignedJWT original = SignedJWT.parse(issuer.issue("alice").value());
        engine.logout(LogoutRequest.from(CLIENT).withAccessToken(verifier.verify(original.serialize()).orElseThrow()));
        // same claims, other text: a new header parameter and signature; it still verifies
        JWTClaimsSet claims = new JWTClaimsSet.Builder(original.getJWTClaimsSet()).claim("scope", "read").build();
        String reEncoded = Fixtures.sign(new JWSHeader.Builder(original.getHeader()).keyID("k2").build(), claims,
                new RSASSASigner(RSA.getPrivate()));

        assertNotEquals(original.serialize(), reEncoded);
        assertEquals(original.getJWTClaimsSet().getJWTID(), verifier.verify(reEncoded).orElseThrow().id().jti());
        assertEquals(AccessTokenStatus.REVOKED, guard(reEncoded));
    }

    @Test
    void everyTokenFromBeforeLogoutEverywhereIsRefusedAndOneMintedAfterInTheSameSecondIsAccepted() {
        Session session = engine.startSession("alice", CLIENT).session();
        String before = issuer.issue("alice").value();
        String bobs = issuer.issue("bob").value();
        clock.advance(Duration.ofMillis(100));

        engine.logoutEverywhere(session, false, CLIENT);
        clock.advance(Duration.ofMillis(100));
        String after = issuer.issue("alice").value();

        AccessTokenClaims beforeClaims = verifier.verify(before).orElseThrow();
        AccessTokenClaims afterClaims = verifier.verify(after).orElseThrow();
        assertEquals(beforeClaims.issuedAt(), afterClaims.issuedAt(), "the same whole second");
        assertEquals(AccessTokenStatus.REVOKED, guard(before));
        assertEquals(AccessTokenStatus.ACTIVE, guard(after));
        assertEquals(AccessTokenStatus.ACTIVE, guard(bobs));
    }

    @Test
    void passwordChangeRefusesTheUsersTokens() {
        Session session = engine.startSession("alice", CLIENT).session();
        String token = issuer.issue("alice").value();

        engine.onSecurityEvent(SecurityEvent.PASSWORD_CHANGED, "alice", Optional.of(session), CLIENT);

        assertEquals(AccessTokenStatus.REVOKED, guard(token));
        assertEquals(AccessTokenStatus.ACTIVE, guard(issuer.issue("alice").value()));
    }

    @Test
    void tokenExpiresOnTheEnginesClock() {
        String token = issuer.issue("alice").value();
        clock.advance(JwtIssuer.DEFAULT_TIME_TO_LIVE);

        assertEquals(AccessTokenStatus.EXPIRED, engine.checkAccessToken(verifier.verify(token).orElseThrow()),
                "inside the verifier's skew, the engine judges exp exactly");
        clock.advance(NimbusAccessTokenVerifier.DEFAULT_CLOCK_SKEW);
        assertEquals(Optional.empty(), verifier.verify(token));
    }
}
