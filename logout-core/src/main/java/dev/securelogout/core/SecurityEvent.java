package dev.securelogout.core;

import dev.securelogout.core.event.LogoutReason;

/** Account changes after which a user's other sessions and tokens must not survive. */
public enum SecurityEvent {
    /** The user changed their password. */
    PASSWORD_CHANGED(LogoutReason.PASSWORD_CHANGED),
    /** The password was reset through a recovery flow. */
    PASSWORD_RESET(LogoutReason.PASSWORD_RESET),
    /** The user changed their email address. */
    EMAIL_CHANGED(LogoutReason.EMAIL_CHANGED),
    /** A second factor was added, removed or changed. */
    MFA_CHANGED(LogoutReason.MFA_CHANGED),
    /** The account was disabled. */
    ACCOUNT_DISABLED(LogoutReason.ACCOUNT_DISABLED),
    /** The account was deleted. */
    ACCOUNT_DELETED(LogoutReason.ACCOUNT_DELETED),
    /** The user reported activity that was not them. */
    CONCERN_REPORTED(LogoutReason.SECURITY_CONCERN);

    private final LogoutReason reason;

    SecurityEvent(LogoutReason reason) {
        this.reason = reason;
    }

    /**
     * The reason recorded for the sessions this event ends.
     *
     * @return the reason recorded for the sessions this event ends
     */
    public LogoutReason reason() {
        return reason;
    }
}
