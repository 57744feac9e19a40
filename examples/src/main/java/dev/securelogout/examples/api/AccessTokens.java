package dev.securelogout.examples.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.token.AccessTokenVerifier;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The demo's access tokens: HS256 JWTs of {@value #TIME_TO_LIVE_MINUTES} minutes with a random
 * {@code jti} and the user's token version, signed with a key that every node shares. Verification
 * pins the algorithm and the issuer and requires every claim. Immutable and thread-safe.
 */
public final class AccessTokens implements AccessTokenVerifier {

    /** The lifetime of an access token, in minutes. */
    public static final int TIME_TO_LIVE_MINUTES = 10;
    /** The {@code iss} of every token. */
    public static final String ISSUER = "secure-logout-example";
    private static final String VERSION = "ver";
    private static final int MAX_TOKEN = 4096;

    /** A token just issued and its lifetime. */
    public record Issued(String token, Duration expiresIn) {
        /** Never the token. */
        @Override
        public String toString() {
            return "Issued[<redacted>, " + expiresIn + "]";
        }
    }

    private final LogoutEngine engine;
    private final MACSigner signer;
    private final MACVerifier verifier;
    private final SecureRandom random = new SecureRandom();

    /**
     * Tokens signed with {@code key} (at least 32 bytes), versioned by {@code engine}.
     *
     * @throws IllegalArgumentException when the key is too short
     */
    public AccessTokens(LogoutEngine engine, byte[] key) {
        this.engine = engine;
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the JWT key needs at least 32 bytes", e);
        }
    }

    /**
     * Issues an access token for {@code userId}.
     *
     * @throws dev.securelogout.core.StoreException when the user's token version cannot be read
     */
    public Issued issue(String userId) {
        Instant now = engine.clock().instant();
        Duration ttl = Duration.ofMinutes(TIME_TO_LIVE_MINUTES);
        byte[] jti = new byte[16];
        random.nextBytes(jti);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject(userId)
                .jwtID(Base64.getUrlEncoder().withoutPadding().encodeToString(jti))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
                .claim(VERSION, engine.tokenState(userId).version())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return new Issued(jwt.serialize(), ttl);
    }

    /** The claims of a token this app signed and that has not expired; empty for anything else. */
    @Override
    public Optional<AccessTokenClaims> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date issued = claims.getIssueTime();
            Date expires = claims.getExpirationTime();
            Long version = claims.getLongClaim(VERSION);
            if (!ISSUER.equals(claims.getIssuer()) || claims.getSubject() == null || claims.getJWTID() == null
                    || issued == null || expires == null || version == null
                    || !expires.toInstant().isAfter(engine.clock().instant())) {
                return Optional.empty();
            }
            return Optional.of(new AccessTokenClaims(new AccessTokenId(ISSUER, claims.getJWTID()), claims.getSubject(),
                    issued.toInstant(), expires.toInstant(), OptionalLong.of(version)));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
