package dev.securelogout.core.session;

/**
 * How many active sessions one user may hold at once, and what happens to a login beyond that.
 * Enforced by the store atomically with the registration, so that two logins racing on two
 * nodes cannot both exceed it.
 *
 * @param maximum  the most active sessions per user; {@link Integer#MAX_VALUE} for no limit
 * @param onExceed what a registration beyond the maximum does
 */
public record SessionLimit(int maximum, OnExceed onExceed) {

    /** No limit. */
    public static final SessionLimit NONE = new SessionLimit(Integer.MAX_VALUE, OnExceed.EVICT_LEAST_RECENTLY_ACTIVE);

    /** What a registration beyond the maximum does. */
    public enum OnExceed {
        /** The new session is registered; the user's least recently active sessions end to make room. */
        EVICT_LEAST_RECENTLY_ACTIVE,
        /** The new session is refused; the existing ones stay. */
        REFUSE
    }

    /**
     * Checks the maximum is at least one.
     *
     * @param maximum the maximum
     * @param onExceed the on exceed
     */
    public SessionLimit {
        if (maximum < 1) {
            throw new IllegalArgumentException("maximum must be at least 1");
        }
        if (onExceed == null) {
            throw new NullPointerException("onExceed");
        }
    }

    /**
     * At most {@code maximum} sessions; the least recently active ends to make room.
     *
     * @param maximum the maximum
     * @return the session limit
     */
    public static SessionLimit evictingBeyond(int maximum) {
        return new SessionLimit(maximum, OnExceed.EVICT_LEAST_RECENTLY_ACTIVE);
    }

    /**
     * At most {@code maximum} sessions; a login beyond is refused.
     *
     * @param maximum the maximum
     * @return the session limit
     */
    public static SessionLimit refusingBeyond(int maximum) {
        return new SessionLimit(maximum, OnExceed.REFUSE);
    }
}
