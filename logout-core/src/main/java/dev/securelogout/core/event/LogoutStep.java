package dev.securelogout.core.event;

/**
 * The steps of a logout that can fail on their own. Each runs even when an earlier one failed;
 * the ones that failed are named in {@link LogoutEvent#failedSteps()}.
 */
public enum LogoutStep {
    /** Deleting sessions in the {@code SessionStore}. */
    SESSION_STORE(true),
    /** Revoking refresh and remember-me tokens in the {@code PersistentTokenStore}. */
    PERSISTENT_TOKEN_STORE(true),
    /** Denylisting an access token in the {@code AccessTokenDenylist}. */
    ACCESS_TOKEN_DENYLIST(true),
    /** Advancing the user's token version in the {@code TokenVersionStore}. */
    TOKEN_VERSION_STORE(true),
    /** Telling the user's live clients through the {@code SessionNotifier}. */
    NOTIFIER(false),
    /** A {@code LogoutListener} (the audit log included). */
    LISTENER(false),
    /** The application's {@code CookieClearer}; the standard deletions were sent instead. */
    COOKIE_CLEARER(false);

    private final boolean serverSide;

    LogoutStep(boolean serverSide) {
        this.serverSide = serverSide;
    }

    /**
     * Whether this step invalidates something on the server: when it failed, a session or token
     * may still be accepted elsewhere (this node refuses it and retries), so an API answers 503.
     *
     * @return whether this step invalidates something on the server
     */
    public boolean isServerSide() {
        return serverSide;
    }
}
