package dev.securelogout.examples.api;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.spi.AccessTokenVerifier;
import dev.securelogout.jwt.JwtIssuer;
import dev.securelogout.jwt.NimbusAccessTokenVerifier;
import dev.securelogout.jwt.SignedAccessToken;
import java.time.Duration;
import java.util.Optional;

/**
 * The demo's access tokens, from {@code logout-jwt}: HS256 JWTs of a configured lifetime with a
 * random {@code jti} and the user's token version, signed with a key that every node shares, and
 * verified with the algorithm, issuer and audience pinned. Immutable and thread-safe.
 */
public final class AccessTokens implements AccessTokenVerifier {

    /** The {@code iss} and {@code aud} of every token. */
    public static final String ISSUER = "secure-logout-example";

    private final JwtIssuer issuer;
    private final NimbusAccessTokenVerifier verifier;

    /**
     * Tokens signed with {@code key} (at least 32 bytes), versioned by {@code engine}, that live
     * {@code timeToLive}.
     *
     * @throws IllegalArgumentException when the key is too short or the lifetime not positive
     */
    public AccessTokens(LogoutEngine engine, byte[] key, Duration timeToLive) {
        this.issuer = JwtIssuer.withSecret(key).engine(engine).issuer(ISSUER).audience(ISSUER).timeToLive(timeToLive).build();
        this.verifier = NimbusAccessTokenVerifier.withSecret(key).issuer(ISSUER).audience(ISSUER).clock(engine.clock()).build();
    }

    /**
     * Issues an access token for {@code userId}.
     *
     * @throws dev.securelogout.core.spi.StoreException when the user's token version cannot be read
     */
    public SignedAccessToken issue(String userId) {
        return issuer.issue(userId);
    }

    /** The claims of a token this app signed that verifies and has not expired; empty for anything else. */
    @Override
    public Optional<AccessTokenClaims> verify(String token) {
        return verifier.verify(token);
    }
}
