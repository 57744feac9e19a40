package dev.securelogout.servlet;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.session.Session;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Lets a sensitive {@code POST} carry its own re-authentication (ASVS 5.0 7.5.1): when the
 * session is past the {@link LogoutEngine.Builder#reauthenticationWindow re-authentication window}
 * and the request has a {@code password} parameter that the application's {@link PasswordCheck}
 * accepts, the window restarts ({@link LogoutEngine#reauthenticate}) before the request goes on,
 * so the endpoint behind it (a revocation, a logout of the other devices, an account change)
 * proceeds. It never answers itself: without a password, or with a wrong one, the request passes
 * unchanged and the endpoint refuses it as it would. Map it over those endpoints, after the
 * {@link SessionGuardFilter}; a cross-site request is never renewed. Thread-safe.
 */
public final class ReauthenticationFilter extends EngineFilter {

    /** The parameter holding the current password. */
    public static final String PASSWORD_PARAMETER = "password";

    /** The application's password check. */
    @FunctionalInterface
    public interface PasswordCheck {
        /**
         * Whether {@code password} is {@code userId}'s. Must be throttled like the login (this is
         * a password-guessing oracle for whoever holds a stolen session) and take time independent
         * of the answer.
         *
         * @param userId   the session's user
         * @param password the presented password
         * @param request  the request, for the client's address
         * @return true when it is the user's current password
         */
        boolean matches(String userId, String password, HttpServletRequest request);
    }

    private final PasswordCheck passwords;

    /**
     * The filter over {@code engine}.
     *
     * @param engine    the engine holding the sessions
     * @param config    the allowed origins (a cross-site request is not renewed)
     * @param passwords the application's password check
     */
    public ReauthenticationFilter(LogoutEngine engine, LogoutConfig config, PasswordCheck passwords) {
        super(engine, Optional.empty(), config);
        this.passwords = Objects.requireNonNull(passwords, "passwords");
    }

    @Override
    void filter(Wiring w, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("POST".equals(request.getMethod()) && w.crossSite.admits(request)) {
            w.guard.observe(request);
            Optional<Session> session = SecureLogout.session(request);
            String password = password(request);
            if (session.isPresent() && password != null && !w.engine.isRecentlyAuthenticated(session.get())
                    && passwords.matches(session.get().userId(), password, request)) {
                w.engine.reauthenticate(session.get())
                        .ifPresent(renewed -> request.setAttribute(SecureLogout.SESSION_ATTRIBUTE, renewed));
            }
        }
        chain.doFilter(request, response);
    }

    private static @Nullable String password(HttpServletRequest request) {
        try {
            String value = request.getParameter(PASSWORD_PARAMETER);
            return value == null || value.isEmpty() ? null : value;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
