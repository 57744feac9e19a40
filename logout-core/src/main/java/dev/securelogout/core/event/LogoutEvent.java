package dev.securelogout.core.event;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What happened in one logout, for audit and metrics. Holds no raw secret: the session is named by
 * a short keyed digest, never by its id.
 *
 * @param at             when the logout ran
 * @param reason         why
 * @param scope          what it reached
 * @param userId         whose, when known (a logout without a valid session has none)
 * @param sessionDigest  the keyed digest of the presented session id, when one was presented
 * @param sessionsEnded  how many active sessions ended
 * @param tokensRevoked  how many active refresh and remember-me tokens were revoked, plus access tokens denied
 * @param ip             the client address as the adapter saw it, or ""
 * @param userAgent      the client's User-Agent, sanitised, or ""
 * @param failedSteps    the steps that failed, in the order of {@link LogoutStep}; empty when every step succeeded
 * @param admin          the administrator who acted, when it was not the user
 */
public record LogoutEvent(Instant at, LogoutReason reason, LogoutScope scope, Optional<String> userId,
                          Optional<String> sessionDigest, int sessionsEnded, int tokensRevoked, String ip,
                          String userAgent, Set<LogoutStep> failedSteps, Optional<Admin> admin) {

    /**
     * An administrator's action on another user's sessions.
     *
     * @param adminId who acted (the operator's own user id)
     * @param reason  why, as the operator stated it
     */
    public record Admin(String adminId, String reason) {
        /**
         * Checks presence.
         *
         * @param reason the reason
         * @param adminId the admin id
         */
        public Admin {
            Objects.requireNonNull(adminId, "adminId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Checks presence; copies the set.
     *
     * @param at the instant
     * @param reason the reason
     * @param scope the scope
     * @param userId the user's id
     * @param sessionDigest the session digest
     * @param sessionsEnded the sessions ended
     * @param tokensRevoked the tokens revoked
     * @param ip the client's IP address
     * @param userAgent the {@code User-Agent} header
     * @param failedSteps the failed steps
     * @param admin the admin
     */
    public LogoutEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionDigest, "sessionDigest");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(admin, "admin");
        failedSteps = failedSteps.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(failedSteps));
    }

    /**
     * An event of the user's own doing (no administrator).
     *
     * @param at the instant
     * @param reason the reason
     * @param scope the scope
     * @param userId the user's id
     * @param sessionDigest the session digest
     * @param sessionsEnded the sessions ended
     * @param tokensRevoked the tokens revoked
     * @param ip the client's IP address
     * @param userAgent the {@code User-Agent} header
     * @param failedSteps the failed steps
     */
    public LogoutEvent(Instant at, LogoutReason reason, LogoutScope scope, Optional<String> userId,
                       Optional<String> sessionDigest, int sessionsEnded, int tokensRevoked, String ip,
                       String userAgent, Set<LogoutStep> failedSteps) {
        this(at, reason, scope, userId, sessionDigest, sessionsEnded, tokensRevoked, ip, userAgent, failedSteps,
                Optional.empty());
    }

    /**
     * Whether every step succeeded.
     *
     * @return whether every step succeeded
     */
    public boolean succeeded() {
        return failedSteps.isEmpty();
    }

    /**
     * Whether a server-side step failed: something may still be accepted (see {@link LogoutStep#isServerSide()}).
     *
     * @return whether a server-side step failed
     */
    public boolean serverSideFailed() {
        return failedSteps.stream().anyMatch(LogoutStep::isServerSide);
    }
}
