package dev.securelogout.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@link LogoutEngine#loginWithRememberMe}: the rotated remember-me token and the
 * session it started.
 *
 * @param token   the rotation of the remember-me token
 * @param session the new session, present exactly when the token rotated
 */
public record RememberMeLogin(RefreshResult token, Optional<NewSession> session) {

    /**
     * Checks that a session is present exactly when the token rotated.
     *
     * @param token the token
     * @param session the session
     */
    public RememberMeLogin {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(session, "session");
        if (session.isPresent() != (token.status() == RefreshResult.Status.ROTATED)) {
            throw new IllegalArgumentException("a session goes with a rotated token and only with it");
        }
    }
}
