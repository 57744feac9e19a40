package dev.securelogout.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.securelogout.core.internal.SetOnce;
import dev.securelogout.jwt.RemoteJwks;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This application as a confidential client of one OpenID Connect provider: the provider's issuer,
 * the client's id and secret, where the provider sends the browser back after sign-in, and the
 * allow-list of where it may send it after logout. The provider's metadata (endpoints, JWKS URL)
 * is discovered at the first use, not at start-up, and looked up again after a failure, so the
 * application starts while the provider is down. Immutable once built and thread-safe.
 */
public final class OidcClient {

    /** Timeout of each call to the provider (discovery, token request, JWKS). */
    static final int TIMEOUT_MILLIS = 5_000;
    /** The least time between two discovery attempts after a failure. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(OidcClient.class);

    private final URI issuer;
    private final String clientId;
    private final String clientSecret;
    private final URI redirectUri;
    private final List<URI> postLogoutRedirectUris;
    private final JWSAlgorithm signingAlgorithm;
    private final Clock clock;
    private @Nullable Provider provider;
    private @Nullable Instant failedAt;

    /** The discovered provider: its metadata and its keys. */
    record Provider(OIDCProviderMetadata metadata, RemoteJwks jwks) {
    }

    private OidcClient(Builder b) {
        this.issuer = b.issuer;
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        this.redirectUri = Objects.requireNonNull(b.redirectUri, "build() refuses a builder without it");
        this.postLogoutRedirectUris = List.copyOf(b.postLogoutRedirectUris);
        this.signingAlgorithm = b.signingAlgorithm;
        this.clock = b.clock;
    }

    /**
     * A builder for the client {@code clientId} with {@code clientSecret} at the provider
     * {@code issuer} (its issuer identifier, e.g. {@code https://idp.example.com/realms/demo}).
     *
     * @param issuer       the provider's issuer identifier, an http or https URL
     * @param clientId     this client's id at the provider
     * @param clientSecret this client's secret
     * @return the builder
     * @throws IllegalArgumentException when one is missing or the issuer is no such URL
     */
    public static Builder builder(URI issuer, String clientId, String clientSecret) {
        return new Builder(issuer, clientId, clientSecret);
    }

    /**
     * The provider's issuer identifier.
     *
     * @return it, as the provider's tokens' {@code iss}
     */
    public String issuer() {
        return issuer.toString();
    }

    /**
     * This client's id at the provider.
     *
     * @return it, as the provider's tokens' {@code aud}
     */
    public String clientId() {
        return clientId;
    }

    String clientSecret() {
        return clientSecret;
    }

    URI redirectUri() {
        return redirectUri;
    }

    List<URI> postLogoutRedirectUris() {
        return postLogoutRedirectUris;
    }

    /** The algorithm the provider signs ID and logout tokens with (RS256 unless registered otherwise). */
    JWSAlgorithm signingAlgorithm() {
        return signingAlgorithm;
    }

    Clock clock() {
        return clock;
    }

    /**
     * The provider, discovered at the first call ({@code /.well-known/openid-configuration}, whose
     * {@code issuer} must be exactly this one).
     *
     * @throws ProviderUnavailableException when it cannot be discovered now
     */
    synchronized Provider provider() {
        if (provider != null) {
            return provider;
        }
        if (failedAt != null && clock.instant().isBefore(failedAt.plus(RETRY_AFTER))) {
            throw new ProviderUnavailableException("provider discovery failed less than " + RETRY_AFTER.toSeconds() + " s ago");
        }
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(issuer), TIMEOUT_MILLIS, TIMEOUT_MILLIS);
            Provider discovered = new Provider(metadata, RemoteJwks.of(metadata.getJWKSetURI()));
            provider = discovered;
            return discovered;
        } catch (GeneralException | IOException | RuntimeException e) {
            failedAt = clock.instant();
            LOG.warn("OpenID Connect discovery of {} failed: {}", issuer, e.toString());
            throw new ProviderUnavailableException("the provider cannot be discovered");
        }
    }

    /**
     * The end-session endpoint, when the provider publishes one.
     *
     * @throws ProviderUnavailableException when the provider cannot be discovered now
     */
    Optional<URI> endSessionEndpoint() {
        return Optional.ofNullable(provider().metadata().getEndSessionEndpointURI());
    }

    @Override
    public String toString() {
        return "OidcClient[issuer=" + issuer + ", clientId=" + clientId + "]";
    }

    /**
     * Configures an {@link OidcClient}; the redirect URI is required, each setting is given at most once (a
     * second call throws {@link IllegalStateException}). Not thread-safe.
     */
    public static final class Builder {
        private final URI issuer;
        private final String clientId;
        private final String clientSecret;
        private @Nullable URI redirectUri;
        private List<URI> postLogoutRedirectUris = List.of();
        private JWSAlgorithm signingAlgorithm = JWSAlgorithm.RS256;
        private Clock clock = Clock.systemUTC();
        private final SetOnce once = new SetOnce();

        private Builder(URI issuer, String clientId, String clientSecret) {
            this.issuer = absolute(issuer, "issuer");
            this.clientId = requireText(clientId, "clientId");
            this.clientSecret = requireText(clientSecret, "clientSecret");
        }

        /**
         * The absolute URL of this application's callback ({@code .../login/oidc/callback}), as registered at the provider (required).
         *
         * @param value the URL
         * @return this builder
         */
        public Builder redirectUri(URI value) {
            this.redirectUri = once.set("redirectUri", absolute(value, "redirectUri"));
            return this;
        }

        /**
         * The allow-list of absolute URLs the provider may send the browser to after an
         * RP-initiated logout, each registered at the provider; the one whose origin is the
         * logout request's is chosen, else the first. None by default: the provider then stays on
         * its own page.
         *
         * @param values the URLs
         * @return this builder
         */
        public Builder postLogoutRedirectUris(List<URI> values) {
            this.postLogoutRedirectUris = once.set("postLogoutRedirectUris",
                    values.stream().map(v -> absolute(v, "postLogoutRedirectUri")).toList());
            return this;
        }

        /**
         * The algorithm the provider signs ID and logout tokens with; RS256 (the default of OpenID Connect) by default.
         *
         * @param value an asymmetric JWS algorithm
         * @return this builder
         */
        public Builder signingAlgorithm(JWSAlgorithm value) {
            if (!RemoteJwks.ASYMMETRIC.contains(Objects.requireNonNull(value, "signingAlgorithm"))) {
                throw new IllegalArgumentException(value + " is not an asymmetric signature algorithm");
            }
            this.signingAlgorithm = once.set("signingAlgorithm", value);
            return this;
        }

        /**
         * The clock that judges token times; the system UTC clock by default.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = once.set("clock", value);
            return this;
        }

        /**
         * Builds the client; nothing is fetched yet.
         *
         * @return the client
         * @throws IllegalStateException when the redirect URI is missing
         */
        public OidcClient build() {
            if (redirectUri == null) {
                throw new IllegalStateException("redirectUri is required");
            }
            return new OidcClient(this);
        }

        private static URI absolute(URI value, String name) {
            Objects.requireNonNull(value, name);
            if (!"https".equals(value.getScheme()) && !"http".equals(value.getScheme()) || value.getHost() == null) {
                throw new IllegalArgumentException(name + " must be an absolute http or https URL");
            }
            return value;
        }

        private static String requireText(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " is required");
            }
            return value;
        }
    }
}
