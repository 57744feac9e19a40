package dev.securelogout.core.monitor;

import dev.securelogout.core.AccessTokenStatus;
import dev.securelogout.core.SessionCheck;

/** A per-request check's answer as an operator counts it. */
public enum CheckResult {
    /** The session or token may be used. */
    ACTIVE,
    /** It may not: ended, revoked, expired, unknown or malformed. */
    REFUSED,
    /** A store could not answer: the request was refused with 503. */
    UNAVAILABLE;

    /**
     * The result of a session check.
     *
     * @param status the check's status
     * @return its result
     */
    public static CheckResult of(SessionCheck.Status status) {
        return switch (status) {
            case ACTIVE -> ACTIVE;
            case INVALID -> REFUSED;
            case UNAVAILABLE -> UNAVAILABLE;
        };
    }

    /**
     * The result of an access-token check.
     *
     * @param status the check's status
     * @return its result
     */
    public static CheckResult of(AccessTokenStatus status) {
        return switch (status) {
            case ACTIVE -> ACTIVE;
            case REVOKED, EXPIRED -> REFUSED;
            case UNAVAILABLE -> UNAVAILABLE;
        };
    }
}
