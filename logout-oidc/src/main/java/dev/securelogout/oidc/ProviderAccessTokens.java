package dev.securelogout.oidc;

import dev.securelogout.core.spi.AccessTokenVerifier;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.jwt.NimbusAccessTokenVerifier;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the access tokens {@link OidcClient}'s provider mints for this client: a
 * {@link NimbusAccessTokenVerifier} over the provider's JWKS (discovered at the first token; the
 * provider unreachable refuses), requiring {@code iss} = the provider and {@code aud} containing
 * the client id (at Keycloak: an audience mapper on the client). The claims' subject is the
 * provider's {@code sub}, the user id the sign-in gives the session, so a back-channel logout that
 * names the user refuses these tokens too ({@link dev.securelogout.core.LogoutEngine#checkAccessToken}).
 * Thread-safe.
 */
public final class ProviderAccessTokens implements AccessTokenVerifier {

    private final OidcClient client;
    private volatile @Nullable NimbusAccessTokenVerifier verifier;

    /**
     * The verifier of the access tokens {@code client}'s provider mints for it.
     *
     * @param client the client the tokens are minted for
     */
    public ProviderAccessTokens(OidcClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public Optional<AccessTokenClaims> verify(String token) {
        try {
            return verifier().verify(token);
        } catch (ProviderUnavailableException e) {
            return Optional.empty();
        }
    }

    private NimbusAccessTokenVerifier verifier() {
        NimbusAccessTokenVerifier current = verifier;
        if (current == null) {
            current = NimbusAccessTokenVerifier.withJwks(client.provider().jwks())
                    .algorithms(client.signingAlgorithm())
                    .issuer(client.issuer())
                    .audience(client.clientId())
                    .clock(client.clock())
                    .build();
            verifier = current;
        }
        return current;
    }
}
