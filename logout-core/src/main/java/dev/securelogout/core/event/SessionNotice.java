package dev.securelogout.core.event;

import java.util.Objects;
import java.util.Optional;

/**
 * Tells a user's live clients that some of their sessions ended elsewhere. Names sessions by their
 * public handles only, so it can cross a message bus safely.
 *
 * @param userId whose sessions
 * @param reason why they ended
 * @param scope  {@link LogoutScope#SESSION}: only {@code handle} ended;
 *               {@link LogoutScope#ALL_BUT_CURRENT}: all but {@code handle};
 *               {@link LogoutScope#ALL_SESSIONS}: all ({@code handle} empty)
 * @param handle the ended or the kept session, as the scope says
 */
public record SessionNotice(String userId, LogoutReason reason, LogoutScope scope, Optional<String> handle) {

    /**
     * Checks that a handle is present exactly where the scope needs one.
     *
     * @param userId the user's id
     * @param reason the reason
     * @param scope the scope
     * @param handle the session's handle
     */
    public SessionNotice {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(handle, "handle");
        boolean needsHandle = scope == LogoutScope.SESSION || scope == LogoutScope.ALL_BUT_CURRENT;
        if (scope == LogoutScope.TOKEN_FAMILY || needsHandle != handle.isPresent()) {
            throw new IllegalArgumentException("scope " + scope + " does not fit handle " + handle.isPresent());
        }
    }

    /**
     * Whether the session with {@code sessionHandle} ended by this notice.
     *
     * @param sessionHandle the session handle
     * @return whether the session with {@code sessionHandle} ended by this notice
     */
    public boolean ends(String sessionHandle) {
        return switch (scope) {
            case SESSION -> handle.orElseThrow().equals(sessionHandle);
            case ALL_BUT_CURRENT -> !handle.orElseThrow().equals(sessionHandle);
            case ALL_SESSIONS -> true;
            case TOKEN_FAMILY -> false;
        };
    }
}
