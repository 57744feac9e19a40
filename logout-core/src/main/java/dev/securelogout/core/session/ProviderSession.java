package dev.securelogout.core.session;

import java.util.Objects;

/**
 * The identity provider's session a local session came from (OpenID Connect): its issuer and its
 * {@code sid}. When the provider ends that session (back-channel logout), every local session
 * that names it ends too.
 *
 * @param issuer    the provider's issuer identifier, as in the {@code iss} claim
 * @param sessionId the provider's session id, the {@code sid} claim
 */
public record ProviderSession(String issuer, String sessionId) {

    /** Longest issuer or session id accepted. */
    public static final int MAX_LENGTH = 255;

    /**
     * Rejects missing, empty or oversized values.
     *
     * @param issuer the issuer
     * @param sessionId the session id
     */
    public ProviderSession {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(sessionId, "sessionId");
        if (issuer.isEmpty() || sessionId.isEmpty() || issuer.length() > MAX_LENGTH || sessionId.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("issuer and sessionId must have 1 to " + MAX_LENGTH + " characters");
        }
    }
}
