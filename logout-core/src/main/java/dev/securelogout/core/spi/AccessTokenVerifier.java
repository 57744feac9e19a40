package dev.securelogout.core.spi;

import dev.securelogout.core.token.AccessTokenClaims;
import java.util.Optional;

/**
 * The application's own access-token verification (signature, algorithm, issuer, audience,
 * expiry), plugged into adapters: returns the claims of a token that verifies, empty for anything
 * else. Must never throw for a malformed token. Implementations are thread-safe.
 */
@FunctionalInterface
public interface AccessTokenVerifier {

    /**
     * The verified claims of {@code token}, or empty when it does not verify.
     *
     * @param token the token
     * @return the verified claims of {@code token}, or empty when it does not verify
     */
    Optional<AccessTokenClaims> verify(String token);
}
