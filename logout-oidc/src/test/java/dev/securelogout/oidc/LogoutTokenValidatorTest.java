package dev.securelogout.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every rule of Back-Channel Logout 1.0 section 2.6, each refusal on an otherwise valid token. */
class LogoutTokenValidatorTest {

    private static final TestProvider PROVIDER = new TestProvider();
    private static final LogoutTokenValidator VALIDATOR = new LogoutTokenValidator(PROVIDER.client());

    @AfterAll
    static void stop() {
        PROVIDER.close();
    }

    private static void refused(String token) {
        assertEquals(Optional.empty(), VALIDATOR.validate(token));
    }

    private static void refusedClaims(JWTClaimsSet claims) {
        refused(PROVIDER.token(claims));
    }

    @Test
    @DisplayName("a valid token yields its issuer, subject, session, jti and expiry")
    void acceptsAValidToken() {
        JWTClaimsSet claims = PROVIDER.claims().build();
        LogoutToken token = VALIDATOR.validate(PROVIDER.token(claims)).orElseThrow();
        assertEquals(new LogoutToken(PROVIDER.issuer, Optional.of("user-1"), Optional.of("sid-1"), claims.getJWTID(),
                claims.getExpirationTime().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), token);
    }

    @Nested
    @DisplayName("1. size and encryption")
    class Form {
        @Test
        @DisplayName("an oversized token is refused before parsing")
        void oversized() {
            refusedClaims(PROVIDER.claims().claim("pad", "x".repeat(LogoutTokenValidator.MAX_TOKEN_LENGTH)).build());
        }

        @Test
        @DisplayName("an encrypted (five-part) token, garbage, null and empty are refused")
        void encryptedOrGarbage() {
            refused("a.b.c.d.e");
            refused("not a token");
            refused("");
            refused(null);
        }
    }

    @Nested
    @DisplayName("2-3. signature and algorithm")
    class Signature {
        @Test
        @DisplayName("a token signed by a key the provider does not publish is refused")
        void wronglySigned() {
            refused(TestProvider.sign(TestProvider.header().build(), PROVIDER.claims().build(), TestProvider.OTHER_KEY));
        }

        @Test
        @DisplayName("alg none is refused")
        void algNone() {
            refused(new PlainJWT(PROVIDER.claims().build()).serialize());
        }

        @Test
        @DisplayName("HMAC keyed with the provider's public key (algorithm confusion) is refused")
        void hmacWithThePublicKey() throws Exception {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("logout+jwt"))
                    .keyID("key-1").build(), PROVIDER.claims().build());
            jwt.sign(new MACSigner(TestProvider.KEY.toRSAPublicKey().getEncoded()));
            refused(jwt.serialize());
        }

        @Test
        @DisplayName("another asymmetric algorithm than the registered one is refused")
        void otherAlgorithm() {
            refused(TestProvider.sign(new JWSHeader.Builder(JWSAlgorithm.PS256).type(new JOSEObjectType("logout+jwt"))
                    .keyID("key-1").build(), PROVIDER.claims().build(), TestProvider.KEY));
        }

        @Test
        @DisplayName("typ other than logout+jwt is refused; no typ is accepted")
        void typ() {
            refused(TestProvider.sign(TestProvider.header().type(JOSEObjectType.JWT).build(), PROVIDER.claims().build(), TestProvider.KEY));
            assertTrue(VALIDATOR.validate(TestProvider.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("key-1").build(),
                    PROVIDER.claims().build(), TestProvider.KEY)).isPresent());
        }

        @Test
        @DisplayName("a critical header is refused")
        void crit() {
            refused(TestProvider.sign(TestProvider.header().criticalParams(Set.of("exp")).build(), PROVIDER.claims().build(),
                    TestProvider.KEY));
        }
    }

    @Nested
    @DisplayName("4. iss, aud, iat, exp")
    class Claims {
        @Test
        @DisplayName("a wrong or missing issuer is refused")
        void issuer() {
            refusedClaims(PROVIDER.claims().issuer("http://127.0.0.1:1/other").build());
            refusedClaims(PROVIDER.claims().issuer(null).build());
        }

        @Test
        @DisplayName("an audience without this client, or another authorized party, is refused")
        void audience() {
            refusedClaims(PROVIDER.claims().audience("another-client").build());
            refusedClaims(PROVIDER.claims().audience((String) null).build());
            refusedClaims(PROVIDER.claims().audience(List.of("app", "another-client")).claim("azp", "another-client").build());
            assertTrue(VALIDATOR.validate(PROVIDER.token(PROVIDER.claims().audience(List.of("app", "x")).build())).isPresent());
        }

        @Test
        @DisplayName("a missing, future or too old iat is refused")
        void issuedAt() {
            Instant now = Instant.now();
            refusedClaims(PROVIDER.claims().issueTime(null).build());
            refusedClaims(PROVIDER.claims().issueTime(Date.from(now.plusSeconds(300))).build());
            refusedClaims(PROVIDER.claims().issueTime(Date.from(now.minus(LogoutTokenValidator.MAX_AGE).minusSeconds(60))).build());
        }

        @Test
        @DisplayName("a missing or passed exp is refused")
        void expiry() {
            refusedClaims(PROVIDER.claims().expirationTime(null).build());
            refusedClaims(PROVIDER.claims().issueTime(Date.from(Instant.now().minusSeconds(300)))
                    .expirationTime(Date.from(Instant.now().minusSeconds(60))).build());
        }
    }

    @Nested
    @DisplayName("5-8. sub/sid, events, nonce, jti")
    class LogoutClaims {
        @Test
        @DisplayName("sid alone or sub alone is accepted; neither is refused")
        void subjectOrSession() {
            assertEquals(Optional.empty(), VALIDATOR.validate(PROVIDER.token(PROVIDER.claims().subject(null).build()))
                    .orElseThrow().subject());
            assertEquals(Optional.empty(), VALIDATOR.validate(PROVIDER.token(PROVIDER.claims().claim("sid", null).build()))
                    .orElseThrow().sessionId());
            refusedClaims(PROVIDER.claims().subject(null).claim("sid", null).build());
            refusedClaims(PROVIDER.claims().claim("sid", 42).build());
            refusedClaims(PROVIDER.claims().claim("sid", "s".repeat(256)).build());
        }

        @Test
        @DisplayName("events missing, not an object, or without the back-channel logout member is refused")
        void events() {
            refusedClaims(PROVIDER.claims().claim("events", null).build());
            refusedClaims(PROVIDER.claims().claim("events", LogoutTokenValidator.EVENT).build());
            refusedClaims(PROVIDER.claims().claim("events", Map.of("http://schemas.openid.net/event/other", Map.of())).build());
        }

        @Test
        @DisplayName("a nonce (an ID token passed off as a logout token) is refused")
        void nonce() {
            refusedClaims(PROVIDER.claims().claim("nonce", "n-0S6_WzA2Mj").build());
        }

        @Test
        @DisplayName("a missing or oversized jti is refused")
        void jti() {
            refusedClaims(PROVIDER.claims().jwtID(null).build());
            refusedClaims(PROVIDER.claims().jwtID("j".repeat(300)).build());
        }
    }
}
