package dev.securelogout.core;

import dev.securelogout.core.session.Session;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link LogoutEngine#check}: is the presented session alive?
 *
 * @param status  the answer
 * @param session the active session, present exactly when the status is {@link Status#ACTIVE}
 */
public record SessionCheck(Status status, Optional<Session> session) {

    /** The possible answers. */
    public enum Status {
        /** The session is alive; the request may proceed as its user. */
        ACTIVE,
        /** No session, a garbage or forged id, an ended or an expired one: treat as anonymous. */
        INVALID,
        /** The store could not answer: fail closed (HTTP 503), and do not treat it as a logout. */
        UNAVAILABLE
    }

    private static final SessionCheck INVALID = new SessionCheck(Status.INVALID, Optional.empty());
    private static final SessionCheck UNAVAILABLE = new SessionCheck(Status.UNAVAILABLE, Optional.empty());

    /**
     * Checks that a session is present exactly for {@link Status#ACTIVE}.
     *
     * @param status the status
     * @param session the session
     */
    public SessionCheck {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(session, "session");
        if (session.isPresent() != (status == Status.ACTIVE)) {
            throw new IllegalArgumentException("a session goes with ACTIVE and only with it");
        }
    }

    /** {@code ACTIVE} with the store's answer as it is (on every request: no second {@code Optional}). */
    static SessionCheck active(Optional<Session> found) {
        return new SessionCheck(Status.ACTIVE, found);
    }

    /** The answer without a session: one instance per status, as a refused check is what a flood of garbage gets. */
    static SessionCheck of(Status status) {
        return switch (status) {
            case INVALID -> INVALID;
            case UNAVAILABLE -> UNAVAILABLE;
            case ACTIVE -> throw new IllegalArgumentException("an active check names its session");
        };
    }

    /**
     * Whether the session is alive.
     *
     * @return whether the session is alive
     */
    public boolean isActive() {
        return status == Status.ACTIVE;
    }
}
