package dev.securelogout.core.event;

/** What a logout reached. */
public enum LogoutScope {
    /** One session (and the tokens presented with it). */
    SESSION,
    /** Every session and token of the user. */
    ALL_SESSIONS,
    /** Every session and token of the user but the current session. */
    ALL_BUT_CURRENT,
    /** One token family. */
    TOKEN_FAMILY
}
