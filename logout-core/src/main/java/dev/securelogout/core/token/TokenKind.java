package dev.securelogout.core.token;

/** What a {@link PersistentToken} restores; a token of one kind is never accepted as the other. */
public enum TokenKind {
    /** An OAuth-style refresh token that mints new access tokens. */
    REFRESH,
    /** A remember-me token that starts a new web session. */
    REMEMBER_ME
}
