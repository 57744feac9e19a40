package dev.securelogout.oidc;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A logout token that passed every check of Back-Channel Logout 1.0 section 2.6.
 *
 * @param issuer    the provider ({@code iss})
 * @param subject   the user at the provider ({@code sub}), when named
 * @param sessionId the provider's session ({@code sid}), when named; one of the two always is
 * @param jti       the token's unique id
 * @param expiresAt its {@code exp}
 */
public record LogoutToken(String issuer, Optional<String> subject, Optional<String> sessionId, String jti,
                          Instant expiresAt) {

    /**
     * Checks that a subject or a session is named.
     *
     * @param issuer    the provider ({@code iss})
     * @param subject   the user at the provider ({@code sub}), when named
     * @param sessionId the provider's session ({@code sid}), when named
     * @param jti       the token's unique id
     * @param expiresAt its {@code exp}
     */
    public LogoutToken {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (subject.isEmpty() && sessionId.isEmpty()) {
            throw new IllegalArgumentException("a logout token names a subject, a session or both");
        }
    }
}
