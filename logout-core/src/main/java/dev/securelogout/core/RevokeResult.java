package dev.securelogout.core;

/** The answer of {@link LogoutEngine#revokeSession}. */
public enum RevokeResult {
    /** Another of the user's sessions was ended. */
    REVOKED,
    /** The user ended the session they are using: clear the client as after a logout. */
    REVOKED_CURRENT,
    /** No active session of this user has that handle (another user's handle reads the same). */
    NOT_FOUND,
    /** The store could not answer; nothing is known to have changed. */
    UNAVAILABLE
}
