package dev.securelogout.jwt;

import static dev.securelogout.jwt.Fixtures.AUDIENCE;
import static dev.securelogout.jwt.Fixtures.EC;
import static dev.securelogout.jwt.Fixtures.ISSUER;
import static dev.securelogout.jwt.Fixtures.RSA;
import static dev.securelogout.jwt.Fixtures.SECRET;
import static dev.securelogout.jwt.Fixtures.segment;
import static dev.securelogout.jwt.Fixtures.sign;
import static dev.securelogout.jwt.Fixtures.validClaims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.tck.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NimbusAccessTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    private static final JWSHeader HS256 = new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build();

    private final MutableClock clock = new MutableClock(NOW);

    private NimbusAccessTokenVerifier.Builder configured(NimbusAccessTokenVerifier.Builder builder) {
        return builder.issuer(ISSUER).audience(AUDIENCE).clock(clock);
    }

    private NimbusAccessTokenVerifier hmacVerifier() {
        return configured(NimbusAccessTokenVerifier.withSecret(SECRET)).build();
    }

    private NimbusAccessTokenVerifier rsaVerifier() {
        return configured(NimbusAccessTokenVerifier.withPublicKey(RSA.getPublic())).build();
    }

    private static String hmacToken(UnaryOperator<JWTClaimsSet.Builder> claims) {
        try {
            return sign(HS256, claims.apply(validClaims(NOW)).build(), new MACSigner(SECRET));
        } catch (com.nimbusds.jose.KeyLengthException e) {
            throw new IllegalStateException(e);
        }
    }

    @Nested
    @DisplayName("accepts")
    class Accepts {

        @Test
        void hs256TokenAndMapsEveryClaim() {
            Optional<AccessTokenClaims> claims = hmacVerifier().verify(hmacToken(c -> c.claim("ver", 7L)));

            assertEquals(Optional.of(new AccessTokenClaims(new AccessTokenId(ISSUER, "jti-1"), "alice", NOW,
                    NOW.plusSeconds(300), OptionalLong.of(7))), claims);
        }

        @Test
        void rs256Token() {
            String token = sign(new JWSHeader(JWSAlgorithm.RS256), validClaims(NOW).build(), new RSASSASigner(RSA.getPrivate()));

            assertTrue(rsaVerifier().verify(token).isPresent());
        }

        @Test
        void es256Token() throws Exception {
            String token = sign(new JWSHeader(JWSAlgorithm.ES256), validClaims(NOW).build(),
                    new ECDSASigner((ECPrivateKey) EC.getPrivate()));

            assertTrue(configured(NimbusAccessTokenVerifier.withPublicKey(EC.getPublic())).build().verify(token).isPresent());
        }

        @Test
        void ps256TokenOnlyWhenAllowed() {
            String token = sign(new JWSHeader(JWSAlgorithm.PS256), validClaims(NOW).build(), new RSASSASigner(RSA.getPrivate()));

            assertEquals(Optional.empty(), rsaVerifier().verify(token));
            assertTrue(configured(NimbusAccessTokenVerifier.withPublicKey(RSA.getPublic()))
                    .algorithms(JWSAlgorithm.RS256, JWSAlgorithm.PS256).build().verify(token).isPresent());
        }

        @Test
        void tokenWithoutVersionClaimAsUnversioned() {
            Optional<AccessTokenClaims> claims = hmacVerifier().verify(hmacToken(c -> c.claim("ver", null)));

            assertEquals(OptionalLong.empty(), claims.orElseThrow().version());
        }

        @Test
        void versionUnderAConfiguredClaimName() {
            NimbusAccessTokenVerifier verifier = configured(NimbusAccessTokenVerifier.withSecret(SECRET))
                    .versionClaim("token_version").build();

            assertEquals(OptionalLong.of(3), verifier.verify(hmacToken(c -> c.claim("token_version", 3L)))
                    .orElseThrow().version());
        }

        @Test
        void audienceListThatContainsTheAudience() {
            assertTrue(hmacVerifier().verify(hmacToken(c -> c.audience(List.of("other", AUDIENCE)))).isPresent());
        }

        @Test
        void expiredTokenInsideTheClockSkew() {
            clock.advance(Duration.ofSeconds(299).plus(NimbusAccessTokenVerifier.DEFAULT_CLOCK_SKEW));

            assertTrue(hmacVerifier().verify(hmacToken(c -> c)).isPresent());
        }

        @Test
        void issuedAtSlightlyInTheFutureInsideTheClockSkew() {
            assertTrue(hmacVerifier().verify(hmacToken(c -> c.issueTime(Date.from(NOW.plusSeconds(10))))).isPresent());
        }
    }

    @Nested
    @DisplayName("remembers verified tokens")
    class Remembers {

        @Test
        @DisplayName("a verified token is answered again until its exp, then judged anew")
        void untilExpiry() {
            NimbusAccessTokenVerifier verifier = hmacVerifier();
            String token = hmacToken(c -> c);
            Optional<AccessTokenClaims> first = verifier.verify(token);
            assertTrue(first.isPresent());
            clock.advance(Duration.ofSeconds(299));
            assertEquals(first, verifier.verify(token));
            clock.advance(Duration.ofSeconds(31));
            assertEquals(Optional.empty(), verifier.verify(token), "past exp and the skew");
        }

        @Test
        @DisplayName("a token differing by one character from a remembered one is verified from scratch")
        void otherTextIsVerified() {
            NimbusAccessTokenVerifier verifier = hmacVerifier();
            String token = hmacToken(c -> c);
            assertTrue(verifier.verify(token).isPresent());
            int at = token.length() - 10;
            char flipped = token.charAt(at) == 'A' ? 'B' : 'A';
            String tampered = token.substring(0, at) + flipped + token.substring(at + 1);
            assertEquals(Optional.empty(), verifier.verify(tampered));
            assertEquals(Optional.empty(), verifier.verify(token + "."));
        }
    }

    @Nested
    @DisplayName("refuses")
    class Refuses {

        @Test
        void algNoneInEveryShape() {
            String payload = segment(validClaims(NOW).build().toString());
            NimbusAccessTokenVerifier verifier = hmacVerifier();
            for (String header : List.of("{\"alg\":\"none\"}", "{\"alg\":\"none\",\"typ\":\"JWT\"}", "{\"alg\":\"NONE\"}",
                    "{\"alg\":\"None\"}", "{\"typ\":\"JWT\"}")) {
                assertEquals(Optional.empty(), verifier.verify(segment(header) + "." + payload + "."), header);
                assertEquals(Optional.empty(), verifier.verify(segment(header) + "." + payload + ".c2ln"), header);
            }
            assertEquals(Optional.empty(), verifier.verify(new PlainJWT(validClaims(NOW).build()).serialize()));
        }

        @Test
        void hs256TokenSignedWithTheRsaPublicKeyAlgorithmConfusion() throws Exception {
            RSAPublicKey publicKey = (RSAPublicKey) RSA.getPublic();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(publicKey.getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            NimbusAccessTokenVerifier verifier = rsaVerifier();
            for (byte[] macKey : List.of(publicKey.getEncoded(), pem.getBytes(StandardCharsets.US_ASCII),
                    publicKey.getModulus().toByteArray())) {
                for (JWSAlgorithm hs : List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
                    String forged = sign(new JWSHeader(hs), validClaims(NOW).build(), new MACSigner(macKey));
                    assertEquals(Optional.empty(), verifier.verify(forged), hs.getName());
                }
            }
        }

        @Test
        void algorithmOutsideTheAllowedSetThoughTheKeyWouldVerifyIt() throws Exception {
            byte[] longSecret = new byte[64];
            System.arraycopy(SECRET, 0, longSecret, 0, SECRET.length);
            String hs512 = sign(new JWSHeader(JWSAlgorithm.HS512), validClaims(NOW).build(), new MACSigner(longSecret));
            NimbusAccessTokenVerifier.Builder builder = configured(NimbusAccessTokenVerifier.withSecret(longSecret));

            assertEquals(Optional.empty(), builder.build().verify(hs512), "HS256 alone by default");
            assertTrue(builder.algorithms(JWSAlgorithm.HS256, JWSAlgorithm.HS512).build().verify(hs512).isPresent());
        }

        @Test
        void signatureByAnotherKey() throws Exception {
            byte[] other = "another secret, also 32 bytes ok".getBytes(StandardCharsets.US_ASCII);
            String token = sign(HS256, validClaims(NOW).build(), new MACSigner(other));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String rsaToken = sign(new JWSHeader(JWSAlgorithm.RS256), validClaims(NOW).build(),
                    new RSASSASigner(generator.generateKeyPair().getPrivate()));

            assertEquals(Optional.empty(), hmacVerifier().verify(token));
            assertEquals(Optional.empty(), rsaVerifier().verify(rsaToken));
        }

        @Test
        void tamperedPayload() {
            String[] parts = hmacToken(c -> c).split("\\.");
            String tampered = parts[0] + "." + segment(validClaims(NOW).subject("mallory").build().toString()) + "." + parts[2];

            assertEquals(Optional.empty(), hmacVerifier().verify(tampered));
        }

        @Test
        void criticalHeaderItDoesNotUnderstand() {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).criticalParams(Set.of("exp-policy"))
                    .customParam("exp-policy", "strict").build();
            String token;
            try {
                token = sign(header, validClaims(NOW).build(), new MACSigner(SECRET));
            } catch (com.nimbusds.jose.KeyLengthException e) {
                throw new IllegalStateException(e);
            }

            assertEquals(Optional.empty(), hmacVerifier().verify(token));
        }

        @Test
        void unencodedPayload() throws Exception {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).base64URLEncodePayload(false)
                    .criticalParams(Set.of("b64")).build();
            com.nimbusds.jose.JWSObject object = new com.nimbusds.jose.JWSObject(header,
                    new Payload(validClaims(NOW).build().toString()));
            object.sign(new MACSigner(SECRET));

            assertEquals(Optional.empty(), hmacVerifier().verify(object.serialize()));
        }

        @Test
        void wrongIssuerOrAudience() {
            NimbusAccessTokenVerifier verifier = hmacVerifier();

            assertEquals(Optional.empty(), verifier.verify(hmacToken(c -> c.issuer("https://evil.example.com"))));
            assertEquals(Optional.empty(), verifier.verify(hmacToken(c -> c.issuer(null))));
            assertEquals(Optional.empty(), verifier.verify(hmacToken(c -> c.audience("https://other.example.com"))));
            assertEquals(Optional.empty(), verifier.verify(hmacToken(c -> c.audience((String) null))));
        }

        @Test
        void expiredBeyondTheClockSkew() {
            NimbusAccessTokenVerifier verifier = configured(NimbusAccessTokenVerifier.withSecret(SECRET))
                    .clockSkew(Duration.ofSeconds(5)).build();
            String token = hmacToken(c -> c);
            clock.advance(Duration.ofSeconds(304));
            assertTrue(verifier.verify(token).isPresent());

            clock.advance(Duration.ofSeconds(1));
            assertEquals(Optional.empty(), verifier.verify(token));
        }

        @Test
        void expiredExactlyAtExpWithoutSkew() {
            NimbusAccessTokenVerifier verifier = configured(NimbusAccessTokenVerifier.withSecret(SECRET))
                    .clockSkew(Duration.ZERO).build();
            clock.advance(Duration.ofSeconds(300));

            assertEquals(Optional.empty(), verifier.verify(hmacToken(c -> c)));
        }

        @Test
        void issuedInTheFutureOrNotYetValid() {
            NimbusAccessTokenVerifier verifier = hmacVerifier();

            assertEquals(Optional.empty(), verifier.verify(hmacToken(c -> c.issueTime(Date.from(NOW.plusSeconds(60))))));
            assertEquals(Optional.empty(), verifier.verify(hmacToken(c -> c.notBeforeTime(Date.from(NOW.plusSeconds(60))))));
            assertTrue(verifier.verify(hmacToken(c -> c.notBeforeTime(Date.from(NOW)))).isPresent());
        }

        @Test
        void expiryNotAfterIssue() {
            assertEquals(Optional.empty(), hmacVerifier().verify(hmacToken(c -> c.expirationTime(Date.from(NOW)))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"jti", "sub", "iat", "exp"})
        void missingRequiredClaim(String claim) {
            assertEquals(Optional.empty(), hmacVerifier().verify(hmacToken(c -> c.claim(claim, null))));
        }

        @Test
        void emptyOrOversizedJtiOrSubject() {
            NimbusAccessTokenVerifier verifier = hmacVerifier();

            assertEquals(Optional.empty(), verifier.verify(hmacToken(c -> c.jwtID(""))));
            assertEquals(Optional.empty(), verifier.verify(hmacToken(c -> c.jwtID("j".repeat(AccessTokenId.MAX_LENGTH + 1)))));
            assertEquals(Optional.empty(), verifier.verify(hmacToken(c -> c.subject(""))));
        }

        @Test
        void claimsOfTheWrongType() {
            NimbusAccessTokenVerifier verifier = hmacVerifier();

            assertEquals(Optional.empty(), verifier.verify(hmacToken(c -> c.claim("exp", "tomorrow"))));
            assertEquals(Optional.empty(), verifier.verify(hmacToken(c -> c.claim("iat", "now"))));
            assertEquals(Optional.empty(), verifier.verify(hmacToken(c -> c.claim("jti", List.of("a")))));
        }

        @Test
        void versionClaimThatIsNotANonNegativeInteger() {
            NimbusAccessTokenVerifier verifier = hmacVerifier();

            for (Object bad : List.of("1", -1L, 1.5, true, List.of(1L))) {
                assertEquals(Optional.empty(), verifier.verify(hmacToken(c -> c.claim("ver", bad))), String.valueOf(bad));
            }
        }

        @Test
        void oversizedTokenBeforeParsingItThoughItVerifies() {
            String padded = hmacToken(c -> c.claim("pad", "x".repeat(NimbusAccessTokenVerifier.MAX_TOKEN_LENGTH)));
            String fits = hmacToken(c -> c.claim("pad", "x".repeat(5000)));

            assertTrue(fits.length() <= NimbusAccessTokenVerifier.MAX_TOKEN_LENGTH);
            assertTrue(hmacVerifier().verify(fits).isPresent());
            assertEquals(Optional.empty(), hmacVerifier().verify(padded));
        }

        @Test
        void garbageWithoutThrowing() {
            NimbusAccessTokenVerifier verifier = hmacVerifier();
            String valid = hmacToken(c -> c);
            List<String> garbage = List.of("", " ", ".", "..", "...", "a.b.c", "a.b.c.d.e", valid + ".", "." + valid,
                    valid.replace('.', ','), segment("{") + "." + segment("{}") + ".", segment("[]") + "." + segment("[]") + ".AA",
                    segment("{\"alg\":\"HS256\"}") + "." + segment("[".repeat(3000)) + ".AA",
                    segment("{\"alg\":\"HS256\"}") + "." + segment("null") + ".AA",
                    segment("{\"alg\":\"HS256\"}") + ".%%%." + "AA", "Bearer " + valid);
            for (String token : garbage) {
                assertEquals(Optional.empty(), verifier.verify(token), token);
            }
            assertEquals(Optional.empty(), verifier.verify(null));
            Random random = new Random(42);
            for (int i = 0; i < 2000; i++) {
                char[] chars = valid.toCharArray();
                chars[random.nextInt(chars.length)] = (char) random.nextInt(0x250);
                assertTrue(verifier.verify(new String(chars)).isEmpty() || new String(chars).equals(valid));
            }
        }

        @Test
        void encryptedJwt() {
            String jweShaped = segment("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}") + "..AAAA.AAAA.AAAA";

            assertEquals(Optional.empty(), hmacVerifier().verify(jweShaped));
        }
    }

    @Nested
    @DisplayName("configuration")
    class Configuration {

        @Test
        void refusesAShortSecretOrASmallRsaKey() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024);

            assertThrows(IllegalArgumentException.class, () -> NimbusAccessTokenVerifier.withSecret(new byte[31]));
            assertThrows(IllegalArgumentException.class, () -> NimbusAccessTokenVerifier.withSecret(null));
            assertThrows(IllegalArgumentException.class,
                    () -> NimbusAccessTokenVerifier.withPublicKey(generator.generateKeyPair().getPublic()));
        }

        @Test
        void refusesAlgorithmsThatDoNotFitTheKey() {
            NimbusAccessTokenVerifier.Builder rsa = NimbusAccessTokenVerifier.withPublicKey(RSA.getPublic());
            NimbusAccessTokenVerifier.Builder ec = NimbusAccessTokenVerifier.withPublicKey(EC.getPublic());
            NimbusAccessTokenVerifier.Builder hmac = NimbusAccessTokenVerifier.withSecret(SECRET);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rsa.algorithms(JWSAlgorithm.HS256));
            assertTrue(e.getMessage().contains("HS256"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ec.algorithms(JWSAlgorithm.ES384));
            assertThrows(IllegalArgumentException.class, () -> ec.algorithms(JWSAlgorithm.RS256));
            assertThrows(IllegalArgumentException.class, () -> hmac.algorithms(JWSAlgorithm.HS512), "a 32-byte secret is too short");
            assertThrows(IllegalArgumentException.class, () -> hmac.algorithms());
        }

        @Test
        void requiresIssuerAndAudienceAndBoundsTheRest() {
            assertThrows(IllegalStateException.class, () -> NimbusAccessTokenVerifier.withSecret(SECRET).audience(AUDIENCE).build());
            assertThrows(IllegalStateException.class, () -> NimbusAccessTokenVerifier.withSecret(SECRET).issuer(ISSUER).build());
            assertThrows(IllegalStateException.class, () -> configured(NimbusAccessTokenVerifier.withSecret(SECRET))
                    .clockSkew(Duration.ofMinutes(6)).build());
            assertThrows(IllegalStateException.class, () -> configured(NimbusAccessTokenVerifier.withSecret(SECRET))
                    .clockSkew(Duration.ofSeconds(-1)).build());
            assertThrows(IllegalStateException.class, () -> configured(NimbusAccessTokenVerifier.withSecret(SECRET))
                    .versionClaim("sub").build());
        }

        @Test
        void takesEachSettingOnce() {
            assertEquals("audience is already set", assertThrows(IllegalStateException.class,
                    () -> configured(NimbusAccessTokenVerifier.withSecret(SECRET)).audience("other")).getMessage());
            assertEquals("algorithms is already set", assertThrows(IllegalStateException.class,
                    () -> NimbusAccessTokenVerifier.withSecret(SECRET).algorithms(JWSAlgorithm.HS256).algorithms(JWSAlgorithm.HS256))
                    .getMessage());
            assertEquals("verifiedCacheSize is already set", assertThrows(IllegalStateException.class,
                    () -> NimbusAccessTokenVerifier.withSecret(SECRET).verifiedCacheSize(0).verifiedCacheSize(10)).getMessage());
        }
    }
}
