package dev.securelogout.core;

/** The answer of {@link LogoutEngine#checkAccessToken}: may a verified access token be used? */
public enum AccessTokenStatus {
    /** Not revoked and not expired. */
    ACTIVE,
    /** Denylisted, or issued before the user's last logout everywhere. */
    REVOKED,
    /** Past its {@code exp} by the engine's clock. */
    EXPIRED,
    /** The store could not answer: refuse the request with 503, not 401. */
    UNAVAILABLE
}
