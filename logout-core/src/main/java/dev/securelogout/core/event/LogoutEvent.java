package dev.securelogout.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param failedSteps    the server-side steps that failed ("session-store", "token-revoker",
 *                       "notifier", "listener"); empty when every step succeeded
 */
public record LogoutEvent(Instant at, LogoutReason reason, LogoutScope scope, Optional<String> userId,
                          Optional<String> sessionDigest, int sessionsEnded, int tokensRevoked, String ip,
                          String userAgent, List<String> failedSteps) {

    /** Checks presence; copies the list. */
    public LogoutEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionDigest, "sessionDigest");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(userAgent, "userAgent");
        failedSteps = List.copyOf(failedSteps);
    }

    /** Whether every server-side step succeeded. */
    public boolean succeeded() {
        return failedSteps.isEmpty();
    }
}
