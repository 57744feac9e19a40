package dev.securelogout.core.monitor;

/** A per-request check's answer as an operator counts it. */
public enum CheckResult {
    /** The session or token may be used. */
    ACTIVE,
    /** It may not: ended, revoked, expired, unknown or malformed. */
    REFUSED,
    /** A store could not answer: the request was refused with 503. */
    UNAVAILABLE
}
