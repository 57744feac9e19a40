package dev.securelogout.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.securelogout.core.IssuedToken;
import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.internal.SetOnce;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Mints short-lived signed access tokens that a logout can reach: each carries a random
 * {@code jti} (128 bits) so that one token can be denylisted, and the user's current token
 * version (from {@link LogoutEngine#tokenState}) so that a logout everywhere refuses every token
 * minted before it exactly, even in the same second. Also {@code iss}, {@code aud}, {@code sub},
 * {@code iat} and {@code exp}, on the engine's clock; at most {@value #MAX_TIME_TO_LIVE_MINUTES}
 * minutes of life, since a revoked token is refused only where the engine is asked.
 *
 * <pre>{@code
 * JwtIssuer issuer = JwtIssuer.withPrivateKey(rsaPrivateKey) // RS256
 *         .engine(engine)
 *         .issuer("https://auth.example.com")
 *         .audience("https://api.example.com")
 *         .timeToLive(Duration.ofMinutes(5))
 *         .build();
 * SignedAccessToken token = issuer.issue(userId);
 * response.put("access_token", token.value());
 * }</pre>
 *
 * <p>Verify them with a {@link NimbusAccessTokenVerifier} configured with the same issuer,
 * audience and version claim. Immutable and thread-safe.
 */
public final class JwtIssuer {

    /** The longest life of an access token, in minutes. */
    public static final int MAX_TIME_TO_LIVE_MINUTES = 15;
    /** The life of an access token by default. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(5);

    private static final Duration MAX_TIME_TO_LIVE = Duration.ofMinutes(MAX_TIME_TO_LIVE_MINUTES);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final int JTI_BYTES = 16;

    private final JWSSigner signer;
    private final JWSHeader header;
    private final LogoutEngine engine;
    private final String issuer;
    private final String audience;
    private final Duration timeToLive;
    private final String versionClaim;
    private final SecureRandom random;

    private JwtIssuer(Builder b) {
        this.signer = b.signer;
        this.header = new JWSHeader.Builder(b.algorithm).type(JOSEObjectType.JWT).keyID(b.keyId).build();
        // build() has refused a builder without them
        this.engine = Objects.requireNonNull(b.engine);
        this.issuer = Objects.requireNonNull(b.issuer);
        this.audience = Objects.requireNonNull(b.audience);
        this.timeToLive = b.timeToLive;
        this.versionClaim = b.versionClaim;
        this.random = b.random;
    }

    /**
     * An issuer that signs with the shared HMAC {@code secret} (at least 32 bytes, copied); HS256
     * by default.
     *
     * @param secret the secret
     * @return this builder
     * @throws IllegalArgumentException when the secret is shorter
     */
    public static Builder withSecret(byte[] secret) {
        return new Builder(Keys.signer(secret));
    }

    /**
     * An issuer that signs with {@code key}: an RSA key of at least 2048 bits (RS256 by default)
     * or an EC key on P-256, P-384 or P-521 (the ES algorithm of its curve).
     *
     * @param key the key
     * @return this builder
     * @throws IllegalArgumentException for another kind of key, a shorter RSA key or another curve
     */
    public static Builder withPrivateKey(PrivateKey key) {
        return new Builder(Keys.signer(Objects.requireNonNull(key, "key")));
    }

    /**
     * Mints an access token for {@code userId}, valid from now (to the second) for the configured
     * time to live.
     *
     * @param userId the user's id
     * @return the signed access token
     * @throws StoreException when the user's token state cannot be read: no token without it
     * @throws IllegalArgumentException when {@code userId} is empty
     */
    public SignedAccessToken issue(String userId) {
        Objects.requireNonNull(userId, "userId");
        if (userId.isEmpty()) {
            throw new IllegalArgumentException("userId must not be empty");
        }
        return sign(userId, engine.tokenState(userId).version(), Optional.empty());
    }

    /**
     * Mints an access token from the refresh token just issued or rotated: for its user, with the
     * token version read when it was stored (so that a logout everywhere that raced the refresh
     * refuses it) and its family as the {@value NimbusAccessTokenVerifier#GRANT_CLAIM} claim (so
     * that revoking that family refuses it at once). Reads no store.
     *
     * @param refreshToken the refresh token
     * @return the signed access token
     */
    public SignedAccessToken issue(IssuedToken refreshToken) {
        return sign(refreshToken.record().userId(), refreshToken.state().version(), Optional.of(refreshToken.grant()));
    }

    private SignedAccessToken sign(String userId, long version, Optional<String> grant) {
        Instant issuedAt = engine.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plus(timeToLive);
        byte[] bytes = new byte[JTI_BYTES];
        random.nextBytes(bytes);
        String jti = BASE64URL.encodeToString(bytes);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(userId)
                .jwtID(jti)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .claim(versionClaim, version)
                .claim(NimbusAccessTokenVerifier.GRANT_CLAIM, grant.orElse(null))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed with a key that was checked at build", e);
        }
        return new SignedAccessToken(jwt.serialize(), new AccessTokenClaims(new AccessTokenId(issuer, jti), userId,
                issuedAt, expiresAt, OptionalLong.of(version), grant));
    }

    /**
     * Configures a {@link JwtIssuer}; engine, issuer and audience are required, each setting is given at
     * most once (a second call throws {@link IllegalStateException}). Not thread-safe.
     */
    public static final class Builder {
        private final JWSSigner signer;
        private final Set<JWSAlgorithm> fitting;
        private JWSAlgorithm algorithm;
        private @Nullable String keyId;
        private @Nullable LogoutEngine engine;
        private @Nullable String issuer;
        private @Nullable String audience;
        private Duration timeToLive = DEFAULT_TIME_TO_LIVE;
        private String versionClaim = NimbusAccessTokenVerifier.DEFAULT_VERSION_CLAIM;
        private SecureRandom random = new SecureRandom();
        private final SetOnce once = new SetOnce();

        private Builder(JWSSigner signer) {
            this.signer = signer;
            this.fitting = Keys.fitting(signer);
            this.algorithm = Keys.defaultAlgorithm(fitting);
        }

        /**
         * The signing algorithm, replacing the key's default; it must fit the key.
         *
         * @param value the signing algorithm, replacing the key's default
         * @return this builder
         * @throws IllegalArgumentException when it does not
         */
        public Builder algorithm(JWSAlgorithm value) {
            Keys.requireFit(fitting, List.of(Objects.requireNonNull(value, "algorithm")));
            this.algorithm = once.set("algorithm", value);
            return this;
        }

        /**
         * The {@code kid} header, for verifiers that hold several keys; none by default.
         *
         * @param value the {@code kid} header, for verifiers that hold several keys
         * @return this builder
         */
        public Builder keyId(String value) {
            this.keyId = once.set("keyId", value);
            return this;
        }

        /**
         * The engine whose clock and token versions the tokens follow (required).
         *
         * @param value the engine whose clock and token versions the tokens follow
         * @return this builder
         */
        public Builder engine(LogoutEngine value) {
            this.engine = once.set("engine", value);
            return this;
        }

        /**
         * The {@code iss} claim (required, at most 256 characters).
         *
         * @param value the {@code iss} claim
         * @return this builder
         */
        public Builder issuer(String value) {
            this.issuer = once.set("issuer", value);
            return this;
        }

        /**
         * The {@code aud} claim (required).
         *
         * @param value the {@code aud} claim
         * @return this builder
         */
        public Builder audience(String value) {
            this.audience = once.set("audience", value);
            return this;
        }

        /**
         * How long a token lives; {@link #DEFAULT_TIME_TO_LIVE} by default, at most 15 minutes and at
         * most the engine's {@link LogoutEngine#accessTokenLifetime()}.
         *
         * @param value how long a token lives
         * @return this builder
         */
        public Builder timeToLive(Duration value) {
            this.timeToLive = once.set("timeToLive", value);
            return this;
        }

        /**
         * The claim that carries the token version; {@value NimbusAccessTokenVerifier#DEFAULT_VERSION_CLAIM} by default.
         *
         * @param name the name
         * @return this builder
         */
        public Builder versionClaim(String name) {
            this.versionClaim = once.set("versionClaim", name);
            return this;
        }

        /**
         * The source of {@code jti}s; a new {@link SecureRandom} by default.
         *
         * @param value the source of {@code jti}s
         * @return this builder
         */
        public Builder random(SecureRandom value) {
            this.random = once.set("random", value);
            return this;
        }

        /**
         * Builds the issuer.
         *
         * @return the jwt issuer
         * @throws IllegalStateException naming the setting that is missing or out of range
         */
        public JwtIssuer build() {
            if (engine == null) {
                throw new IllegalStateException("engine is required");
            }
            Settings.requireClaims(issuer, audience, versionClaim);
            if (timeToLive.isNegative() || timeToLive.isZero() || timeToLive.compareTo(MAX_TIME_TO_LIVE) > 0) {
                throw new IllegalStateException("timeToLive must be positive and at most " + MAX_TIME_TO_LIVE);
            }
            if (timeToLive.compareTo(engine.accessTokenLifetime()) > 0) {
                // a revoked grant is denied only for the engine's lifetime: a longer-lived token would outlive its denial
                throw new IllegalStateException("timeToLive must be at most the engine's accessTokenLifetime ("
                        + engine.accessTokenLifetime() + ")");
            }
            return new JwtIssuer(this);
        }
    }
}
