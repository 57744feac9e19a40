package dev.securelogout.core.event;

/** Why sessions or tokens ended. */
public enum LogoutReason {
    /** The user logged out of this device. */
    USER_LOGOUT,
    /** The user logged out of every device. */
    LOGOUT_EVERYWHERE,
    /** The user ended one of their sessions from the device list. */
    REVOKED_BY_USER,
    /** A client revoked one of its tokens (RFC 7009). */
    TOKEN_REVOKED,
    /** The password was changed. */
    PASSWORD_CHANGED,
    /** The password was reset. */
    PASSWORD_RESET,
    /** The email address was changed. */
    EMAIL_CHANGED,
    /** A second factor was added, removed or changed. */
    MFA_CHANGED,
    /** The account was disabled. */
    ACCOUNT_DISABLED,
    /** The account was deleted. */
    ACCOUNT_DELETED,
    /** The user reported that something was not them. */
    SECURITY_CONCERN,
    /** A spent refresh or remember-me token was presented again: likely theft. */
    TOKEN_REUSE,
    /** The session or token outlived its lifetime. */
    EXPIRED,
    /** A new sign-in beyond the user's session limit ended this least recently active device. */
    SESSION_LIMIT,
    /** An administrator ended the user's sessions (the event names the administrator). */
    ADMIN,
    /** The identity provider the user signed in through ended their session there (back-channel logout). */
    PROVIDER_LOGOUT
}
