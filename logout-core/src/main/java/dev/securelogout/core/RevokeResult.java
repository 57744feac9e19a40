package dev.securelogout.core;

/** The answer of {@link LogoutEngine#revokeSession} and {@link SessionAdmin#revokeSession}. */
public enum RevokeResult {
    /** Another of the user's sessions was ended. */
    REVOKED,
    /** The user ended the session they are using: clear the client as after a logout. */
    REVOKED_CURRENT,
    /** No active session of this user has that handle (another user's handle reads the same). */
    NOT_FOUND,
    /** A store failed: the device may still be accepted elsewhere for now (this node refuses it and retries). */
    UNAVAILABLE;

    /** The answer for a device revocation's outcome. */
    static RevokeResult of(LogoutOutcome outcome) {
        if (outcome.serverSideFailed()) {
            return UNAVAILABLE;
        }
        if (outcome.clearsClient()) {
            return REVOKED_CURRENT;
        }
        return outcome.event().sessionsEnded() + outcome.event().tokensRevoked() > 0 ? REVOKED : NOT_FOUND;
    }
}
