package dev.securelogout.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.securelogout.core.internal.SetOnce;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.spi.AccessTokenVerifier;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AccessTokenVerifier} over Nimbus JOSE+JWT: accepts a compact signed JWT only when it
 * is signed with the one configured key (or a key of a provider's {@link RemoteJwks}) under one
 * of the explicitly allowed algorithms, names the configured issuer and audience, is inside its lifetime, and carries {@code jti}, {@code sub},
 * {@code iat} and {@code exp}.
 *
 * <p>Refused, as an empty answer and never an exception: {@code alg: none} and every unsigned
 * (plain) or encrypted JWT; an algorithm outside the allowed set, which is what defeats algorithm
 * confusion (an RSA-configured verifier never runs HMAC, so a HS256 token "signed" with the
 * public key fails); a {@code crit} header it does not understand; an unencoded ({@code b64:
 * false}) payload; a wrong issuer or audience; a token past {@code exp}, or with {@code iat} or
 * {@code nbf} in the future, beyond the clock skew; a version claim that is not a non-negative
 * integer; anything longer than {@value #MAX_TOKEN_LENGTH} characters, refused before parsing.
 * A refusal is logged at DEBUG with its reason, never with the token.
 *
 * <p>A token that verified is remembered, by its exact text, until its {@code exp} (at most
 * {@link Builder#verifiedCacheSize} tokens, {@value #DEFAULT_VERIFIED_CACHE_SIZE} by default): the
 * signature and claims of a token cannot change, so the next request with it skips the parsing and
 * the signature check, which cost far more than the revocation check that still runs on every
 * request. Any other text, a single character changed, is verified from scratch.
 *
 * <p>The verifier decides whether a token is genuine; whether it has been revoked since is
 * {@link dev.securelogout.core.LogoutEngine#checkAccessToken}'s question:
 *
 * <pre>{@code
 * AccessTokenVerifier verifier = NimbusAccessTokenVerifier.withPublicKey(rsaPublicKey) // RS256
 *         .issuer("https://auth.example.com")
 *         .audience("https://api.example.com")
 *         .build();
 * Optional<AccessTokenClaims> claims = verifier.verify(bearerToken);
 * boolean allowed = claims.isPresent()
 *         && engine.checkAccessToken(claims.get()) == AccessTokenStatus.ACTIVE;
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class NimbusAccessTokenVerifier implements AccessTokenVerifier {

    /** The longest token parsed, in characters (8 KiB). */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;
    /** The clock skew allowed by default. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    /** The largest clock skew accepted. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** How many verified tokens are remembered by default. */
    public static final int DEFAULT_VERIFIED_CACHE_SIZE = 10_000;
    /** The claim that carries the user's token version by default. */
    public static final String DEFAULT_VERSION_CLAIM = "ver";
    /**
     * The claim naming the refresh-token family an access token was minted from
     * ({@link AccessTokenClaims#grant()}): revoking that family refuses the token at once.
     */
    public static final String GRANT_CLAIM = "grant";

    private static final Logger LOG = LoggerFactory.getLogger(NimbusAccessTokenVerifier.class);

    private final Function<JWSHeader, List<JWSVerifier>> verifiers;
    private final Set<JWSAlgorithm> algorithms;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final Duration clockSkew;
    private final String versionClaim;
    private final Cache<String, AccessTokenClaims> verified;

    private NimbusAccessTokenVerifier(Builder b) {
        this.verifiers = b.verifiers;
        this.algorithms = b.algorithms;
        // build() has refused a builder without them
        this.issuer = Objects.requireNonNull(b.issuer);
        this.audience = Objects.requireNonNull(b.audience);
        this.clock = b.clock;
        this.clockSkew = b.clockSkew;
        this.versionClaim = b.versionClaim;
        this.verified = Caffeine.newBuilder()
                .maximumSize(b.verifiedCacheSize)
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(new UntilExpiry(clock))
                .build();
    }

    /** Keeps a verified token until its {@code exp}, by the verifier's clock. */
    private static final class UntilExpiry implements Expiry<String, AccessTokenClaims> {
        private final Clock clock;

        UntilExpiry(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long expireAfterCreate(String token, AccessTokenClaims claims, long currentTime) {
            return Math.max(0, Duration.between(clock.instant(), claims.expiresAt()).toNanos());
        }

        @Override
        public long expireAfterUpdate(String token, AccessTokenClaims claims, long currentTime, long currentDuration) {
            return expireAfterCreate(token, claims, currentTime);
        }

        @Override
        public long expireAfterRead(String token, AccessTokenClaims claims, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /**
     * A verifier of tokens signed with the shared HMAC {@code secret} (at least 32 bytes, copied);
     * HS256 by default.
     *
     * @param secret the secret
     * @return this builder
     * @throws IllegalArgumentException when the secret is shorter
     */
    public static Builder withSecret(byte[] secret) {
        return Builder.of(Keys.verifier(secret));
    }

    /**
     * A verifier of tokens signed with the private half of {@code key}: an RSA key of at least
     * 2048 bits (RS256 by default) or an EC key on P-256, P-384 or P-521 (the ES algorithm of its
     * curve).
     *
     * @param key the key
     * @return this builder
     * @throws IllegalArgumentException for another kind of key, a shorter RSA key or another curve
     */
    public static Builder withPublicKey(PublicKey key) {
        return Builder.of(Keys.verifier(Objects.requireNonNull(key, "key")));
    }

    /**
     * A verifier of tokens an identity provider signs with the keys it publishes at its JWKS URL,
     * following its key rotations ({@link RemoteJwks}: cached, refreshed on an unknown {@code kid},
     * rate-limited, failing closed); RS256 by default, asymmetric algorithms only. The provider's
     * tokens then pass the same revocation checks as the application's own: give the user's id
     * as the provider's {@code sub} to the engine.
     *
     * @param keys the provider's keys
     * @return the builder; issuer and audience are still required
     */
    public static Builder withJwks(RemoteJwks keys) {
        Objects.requireNonNull(keys, "keys");
        return new Builder(keys::verifiers, RemoteJwks.ASYMMETRIC, JWSAlgorithm.RS256);
    }

    @Override
    public Optional<AccessTokenClaims> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return refused("empty or oversized");
        }
        AccessTokenClaims known = verified.getIfPresent(token);
        if (known != null && clock.instant().isBefore(known.expiresAt())) {
            return Optional.of(known);
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!algorithms.contains(header.getAlgorithm())) {
                return refused("algorithm not allowed");
            }
            if (!header.isBase64URLEncodePayload()) {
                return refused("unencoded payload");
            }
            if (!verified(jwt)) {
                return refused("bad signature");
            }
            Optional<AccessTokenClaims> claims = claims(jwt.getJWTClaimsSet());
            claims.ifPresent(c -> verified.put(token, c));
            return claims;
        } catch (ParseException | JOSEException | RuntimeException e) {
            return refused("malformed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private boolean verified(SignedJWT jwt) throws JOSEException {
        for (JWSVerifier verifier : verifiers.apply(jwt.getHeader())) {
            if (jwt.verify(verifier)) {
                return true;
            }
        }
        return false;
    }

    private Optional<AccessTokenClaims> claims(JWTClaimsSet claims) {
        if (!issuer.equals(claims.getIssuer())) {
            return refused("wrong issuer");
        }
        if (!claims.getAudience().contains(audience)) {
            return refused("wrong audience");
        }
        String jti = claims.getJWTID();
        String subject = claims.getSubject();
        Date issuedAt = claims.getIssueTime();
        Date expiresAt = claims.getExpirationTime();
        if (jti == null || jti.isEmpty() || jti.length() > AccessTokenId.MAX_LENGTH || subject == null
                || subject.isEmpty() || issuedAt == null || expiresAt == null) {
            return refused("jti, sub, iat or exp missing");
        }
        Instant iat = issuedAt.toInstant();
        Instant exp = expiresAt.toInstant();
        Instant now = clock.instant();
        if (!exp.isAfter(iat)) {
            return refused("exp not after iat");
        }
        if (!now.isBefore(exp.plus(clockSkew))) {
            return refused("expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (iat.isAfter(now.plus(clockSkew)) || notBefore != null && notBefore.toInstant().isAfter(now.plus(clockSkew))) {
            return refused("not yet valid");
        }
        Object raw = claims.getClaim(versionClaim);
        OptionalLong version = OptionalLong.empty();
        if (raw != null) {
            if (!(raw instanceof Long || raw instanceof Integer) || ((Number) raw).longValue() < 0) {
                return refused("version claim not a non-negative integer");
            }
            version = OptionalLong.of(((Number) raw).longValue());
        }
        Object grant = claims.getClaim(GRANT_CLAIM);
        if (grant != null && !(grant instanceof String g && !g.isEmpty() && g.length() <= AccessTokenId.MAX_LENGTH)) {
            return refused("grant claim not a short string");
        }
        return Optional.of(new AccessTokenClaims(new AccessTokenId(issuer, jti), subject, iat, exp, version,
                Optional.ofNullable((String) grant)));
    }

    private static Optional<AccessTokenClaims> refused(String reason) {
        LOG.debug("access token refused: {}", reason);
        return Optional.empty();
    }

    /**
     * Configures a {@link NimbusAccessTokenVerifier}; issuer and audience are required, each setting is
     * given at most once (a second call throws {@link IllegalStateException}). Not thread-safe.
     */
    public static final class Builder {
        private final Function<JWSHeader, List<JWSVerifier>> verifiers;
        private final Set<JWSAlgorithm> fitting;
        private Set<JWSAlgorithm> algorithms;
        private @Nullable String issuer;
        private @Nullable String audience;
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private String versionClaim = DEFAULT_VERSION_CLAIM;
        private long verifiedCacheSize = DEFAULT_VERIFIED_CACHE_SIZE;
        private final SetOnce once = new SetOnce();

        private Builder(Function<JWSHeader, List<JWSVerifier>> verifiers, Set<JWSAlgorithm> fitting, JWSAlgorithm initial) {
            this.verifiers = verifiers;
            this.fitting = fitting;
            this.algorithms = Set.of(initial);
        }

        private static Builder of(JWSVerifier verifier) {
            Set<JWSAlgorithm> fitting = Keys.fitting(verifier);
            return new Builder(header -> List.of(verifier), fitting, Keys.defaultAlgorithm(fitting));
        }

        /**
         * The algorithms accepted, replacing the default; each must fit the key (HS* a secret,
         * RS* and PS* an RSA key, the ES* of its curve an EC key; any asymmetric one a JWKS).
         *
         * @param values the algorithms accepted, replacing the default
         * @return this builder
         * @throws IllegalArgumentException when none is given or one does not fit the key
         */
        public Builder algorithms(JWSAlgorithm... values) {
            List<JWSAlgorithm> chosen = List.of(values);
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("algorithms needs at least one algorithm");
            }
            Keys.requireFit(fitting, chosen);
            once.mark("algorithms");
            this.algorithms = Set.copyOf(chosen);
            return this;
        }

        /**
         * The exact {@code iss} required (required, at most 256 characters).
         *
         * @param value the exact {@code iss} required
         * @return this builder
         */
        public Builder issuer(String value) {
            this.issuer = once.set("issuer", value);
            return this;
        }

        /**
         * The audience that {@code aud} must contain (required).
         *
         * @param value the audience that {@code aud} must contain
         * @return this builder
         */
        public Builder audience(String value) {
            this.audience = once.set("audience", value);
            return this;
        }

        /**
         * The clock that judges {@code exp}, {@code iat} and {@code nbf}; the system UTC clock by default.
         *
         * @param value the clock that judges {@code exp}, {@code iat} and {@code nbf}
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = once.set("clock", value);
            return this;
        }

        /**
         * The tolerance for clocks out of step; {@link #DEFAULT_CLOCK_SKEW} by default, at most {@link #MAX_CLOCK_SKEW}.
         *
         * @param value the tolerance for clocks out of step
         * @return this builder
         */
        public Builder clockSkew(Duration value) {
            this.clockSkew = once.set("clockSkew", value);
            return this;
        }

        /**
         * The claim holding the user's token version; {@value #DEFAULT_VERSION_CLAIM} by default.
         *
         * @param name the name
         * @return this builder
         */
        public Builder versionClaim(String name) {
            this.versionClaim = once.set("versionClaim", name);
            return this;
        }

        /**
         * How many verified tokens to remember until their expiry; 0 verifies every token every time.
         *
         * @param value how many verified tokens to remember until their expiry
         * @return this builder
         */
        public Builder verifiedCacheSize(long value) {
            if (value < 0) {
                throw new IllegalArgumentException("verifiedCacheSize must not be negative");
            }
            once.mark("verifiedCacheSize");
            this.verifiedCacheSize = value;
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @return the nimbus access token verifier
         * @throws IllegalStateException naming the setting that is missing or out of range
         */
        public NimbusAccessTokenVerifier build() {
            Settings.requireClaims(issuer, audience, versionClaim);
            if (clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
                throw new IllegalStateException("clockSkew must be between zero and " + MAX_CLOCK_SKEW);
            }
            return new NimbusAccessTokenVerifier(this);
        }
    }
}
