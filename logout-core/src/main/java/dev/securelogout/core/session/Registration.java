package dev.securelogout.core.session;

import java.util.List;

/**
 * What registering a session under a {@link SessionLimit} did.
 *
 * @param accepted whether the new session was stored (false only under {@link SessionLimit.OnExceed#REFUSE})
 * @param evicted  the sessions that ended to make room, least recently active first; empty when none
 */
public record Registration(boolean accepted, List<Session> evicted) {

    /**
     * Copies the list.
     *
     * @param accepted the accepted
     * @param evicted the evicted
     */
    public Registration {
        evicted = List.copyOf(evicted);
    }

    /**
     * Stored, nothing evicted.
     *
     * @return the registration
     */
    public static Registration stored() {
        return new Registration(true, List.of());
    }

    /**
     * Refused: the user already holds the maximum.
     *
     * @return the registration
     */
    public static Registration refused() {
        return new Registration(false, List.of());
    }
}
