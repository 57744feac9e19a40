package dev.securelogout.core;

/**
 * A login refused because the user already holds as many sessions as the
 * {@link LogoutEngine.Builder#sessionLimit session limit} allows, under
 * {@link dev.securelogout.core.session.SessionLimit.OnExceed#REFUSE}: nothing changed; tell the
 * user to end a session first.
 */
public final class SessionLimitReachedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The refusal; its message names no user. */
    public SessionLimitReachedException() {
        super("the user already holds the maximum number of sessions");
    }
}
