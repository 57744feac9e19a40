package dev.securelogout.core.monitor;

/** Which per-request check an engine answered. */
public enum CheckKind {
    /** {@link dev.securelogout.core.LogoutEngine#check}: a session id. */
    SESSION,
    /** {@link dev.securelogout.core.LogoutEngine#checkAccessToken}: a verified access token. */
    ACCESS_TOKEN
}
