package dev.securelogout.core;

/**
 * A sensitive change refused because the user last proved who they are longer ago than the
 * {@link LogoutEngine.Builder#reauthenticationWindow re-authentication window} (ASVS 5.0 7.5.1):
 * nothing changed. Ask for the password (or another factor), call
 * {@link LogoutEngine#reauthenticate}, and try again; JSON clients get 403
 * {@code {"error":"reauthentication_required"}}.
 */
public final class ReauthenticationRequiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The refusal; its message names no user. */
    public ReauthenticationRequiredException() {
        super("re-authentication required");
    }
}
