package dev.securelogout.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.SignedJWT;
import dev.securelogout.core.internal.SetOnce;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.Key;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An identity provider's signing keys, fetched from its JWKS URL ({@code jwks_uri}) and kept for a
 * while: tokens the provider signs (access tokens, ID tokens, logout tokens) are verified against
 * them, and a key rotation is followed without a restart.
 *
 * <ul>
 * <li><b>Cached:</b> the key set is fetched once and kept for {@link Builder#timeToLive} (5 minutes
 *     by default), then fetched again.</li>
 * <li><b>Refreshed on an unknown {@code kid}:</b> a token signed with a key that is not in the
 *     cached set makes one fetch at once, so a new key works as soon as the provider publishes it.</li>
 * <li><b>Rate-limited:</b> at most two such fetches per {@link Builder#minRefreshInterval} (30 s by
 *     default), so tokens with made-up key ids cannot turn this node into a flood on the provider.</li>
 * <li><b>Fails closed:</b> when the set cannot be fetched (provider down, bad answer, over 50 KiB,
 *     rate limit reached) the token is refused; a stale set is never used past its time to live.</li>
 * </ul>
 *
 * Only asymmetric algorithms are ever accepted (an HMAC "signed" with a public key is refused), and
 * a key is used only for the algorithms of its type. Over Nimbus JOSE+JWT's {@code JWKSourceBuilder}.
 * Immutable and thread-safe; share one per provider.
 */
public final class RemoteJwks {

    /** How long a fetched key set is used by default. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(5);
    /** The least time between two fetches caused by unknown key ids, by default. */
    public static final Duration DEFAULT_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
    /** The algorithms a provider's key may sign with: RSA, RSA-PSS and EC, never HMAC or none. */
    public static final Set<JWSAlgorithm> ASYMMETRIC = Set.copyOf(JWSAlgorithm.Family.SIGNATURE);

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int SIZE_LIMIT = 50 * 1024;

    private final JWKSource<SecurityContext> source;

    private RemoteJwks(JWKSource<SecurityContext> source) {
        this.source = source;
    }

    /**
     * The keys at {@code jwksUri} (an {@code http} or {@code https} URL), with the default cache
     * settings.
     *
     * @param jwksUri the provider's {@code jwks_uri}
     * @return the key set; nothing is fetched before the first token
     * @throws IllegalArgumentException when it is not such a URL
     */
    public static RemoteJwks of(URI jwksUri) {
        return builder(jwksUri).build();
    }

    /**
     * A builder for the keys at {@code jwksUri}.
     *
     * @param jwksUri the provider's {@code jwks_uri}
     * @return the builder
     * @throws IllegalArgumentException when it is not an {@code http} or {@code https} URL
     */
    public static Builder builder(URI jwksUri) {
        return new Builder(jwksUri);
    }

    /**
     * Whether {@code jwt} is signed, under one of {@code algorithms} (asymmetric ones only), by a
     * key of this set that fits its header ({@code kid}, key type). Never throws: a key set that
     * cannot be had is a {@code false}.
     *
     * @param jwt        the parsed token
     * @param algorithms the algorithms accepted
     * @return whether its signature verifies
     */
    public boolean verifies(SignedJWT jwt, Set<JWSAlgorithm> algorithms) {
        JWSHeader header = jwt.getHeader();
        if (!algorithms.contains(header.getAlgorithm()) || !ASYMMETRIC.contains(header.getAlgorithm())
                || !header.isBase64URLEncodePayload()) {
            return false;
        }
        try {
            for (JWSVerifier verifier : verifiers(header)) {
                if (jwt.verify(verifier)) {
                    return true;
                }
            }
        } catch (JOSEException | RuntimeException e) {
            LOG.debug("signature not checked: {}", e.getClass().getSimpleName());
        }
        return false;
    }

    /**
     * A Nimbus key selector over this set for {@code algorithms} (asymmetric ones only), for Nimbus'
     * own validators such as the OpenID Connect SDK's {@code IDTokenValidator}.
     *
     * @param algorithms the algorithms accepted
     * @return the selector
     * @throws IllegalArgumentException when an algorithm is not an asymmetric signature algorithm
     */
    public JWSKeySelector<SecurityContext> keySelector(Set<JWSAlgorithm> algorithms) {
        requireAsymmetric(algorithms);
        return new JWSVerificationKeySelector<>(Set.copyOf(algorithms), source);
    }

    /** The verifiers for the keys of this set that fit {@code header}; empty when there are none or the set cannot be had. */
    List<JWSVerifier> verifiers(JWSHeader header) {
        try {
            List<? extends Key> keys = new JWSVerificationKeySelector<>(header.getAlgorithm(), source).selectJWSKeys(header, null);
            DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
            return keys.stream().map(key -> {
                try {
                    return factory.createJWSVerifier(header, key);
                } catch (JOSEException e) {
                    return null;
                }
            }).filter(Objects::nonNull).toList();
        } catch (RateLimitReachedException e) {
            LOG.debug("provider keys not fetched again yet (rate limit), token refused");
            return List.of();
        } catch (KeySourceException e) {
            LOG.warn("provider keys unavailable, token refused: {}", e.getClass().getSimpleName());
            return List.of();
        }
    }

    static void requireAsymmetric(Set<JWSAlgorithm> algorithms) {
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one algorithm is required");
        }
        for (JWSAlgorithm algorithm : algorithms) {
            if (!ASYMMETRIC.contains(algorithm)) {
                throw new IllegalArgumentException(algorithm + " is not an asymmetric signature algorithm");
            }
        }
    }

    /** Configures a {@link RemoteJwks}; each setting is given at most once. Not thread-safe. */
    public static final class Builder {
        private final URI jwksUri;
        private Duration timeToLive = DEFAULT_TIME_TO_LIVE;
        private Duration minRefreshInterval = DEFAULT_MIN_REFRESH_INTERVAL;
        private final SetOnce once = new SetOnce();

        private Builder(URI jwksUri) {
            Objects.requireNonNull(jwksUri, "jwksUri");
            if (!"https".equals(jwksUri.getScheme()) && !"http".equals(jwksUri.getScheme()) || jwksUri.getHost() == null) {
                throw new IllegalArgumentException("jwksUri must be an http or https URL");
            }
            this.jwksUri = jwksUri;
        }

        /**
         * How long a fetched set is used before it is fetched again; {@link #DEFAULT_TIME_TO_LIVE} by default.
         *
         * @param value the time to live
         * @return this builder
         */
        public Builder timeToLive(Duration value) {
            this.timeToLive = once.set("timeToLive", value);
            return this;
        }

        /**
         * The least time between fetches caused by unknown key ids; {@link #DEFAULT_MIN_REFRESH_INTERVAL} by default.
         *
         * @param value the interval
         * @return this builder
         */
        public Builder minRefreshInterval(Duration value) {
            this.minRefreshInterval = once.set("minRefreshInterval", value);
            return this;
        }

        /**
         * Builds the key set; nothing is fetched before the first token.
         *
         * @return the key set
         * @throws IllegalStateException when the time to live is not longer than the refresh interval, or either is not positive
         */
        public RemoteJwks build() {
            if (minRefreshInterval.isNegative() || minRefreshInterval.isZero() || timeToLive.compareTo(minRefreshInterval) <= 0) {
                throw new IllegalStateException("timeToLive must be longer than minRefreshInterval, which must be positive");
            }
            try {
                JWKSource<SecurityContext> source = JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL(),
                                new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT))
                        .cache(timeToLive.toMillis(), TIMEOUT_MILLIS)
                        .refreshAheadCache(false)
                        .rateLimited(minRefreshInterval.toMillis())
                        .retrying(false)
                        .outageTolerant(false)
                        .build();
                return new RemoteJwks(source);
            } catch (MalformedURLException e) {
                throw new IllegalStateException("jwksUri is not a URL", e);
            }
        }
    }
}
