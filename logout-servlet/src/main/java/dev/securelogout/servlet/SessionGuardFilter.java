package dev.securelogout.servlet;

import dev.securelogout.core.LogoutEngine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The session guard for protected paths: a request passes only with an active session, checked
 * against the store on every request (a revoked session is refused on its next request, on every
 * node that shares the store).
 *
 * <ul>
 * <li>Active: the {@code Session} is left in the request ({@link SecureLogout#session}) and the
 *     response carries {@code Cache-Control: no-store}, set before the rest of the chain runs so
 *     the back button shows nothing after logout.</li>
 * <li>Not valid (none, expired, ended, forged): 303 to {@code login-path} for a browser, 401 for
 *     an API client. With {@code remember-me} on, a valid remember-me cookie first starts a new
 *     session: the new session cookie and the rotated remember-me cookie are set and the request
 *     passes; a rejected remember-me cookie is cleared.</li>
 * <li>The store cannot answer: 503 with {@code Retry-After}. It fails closed, and it is not a 401
 *     that a client would read as a logout: the session and every cookie are left as they are.</li>
 * </ul>
 *
 * <p><b>The container's {@code HttpSession}</b> is bound to the library session
 * ({@link SecureLogout#login} binds it; an unbound one is bound on its first admitted request): a
 * request whose library session is over (logged out, revoked or ended everywhere from another
 * device or node, expired) finds its bound {@code HttpSession} invalidated before anything else
 * runs, so nothing the application kept there outlives the session.
 *
 * <p>{@code login-path}, {@code logout-path} and {@code revocation-path} are never guarded, so the
 * filter may be mapped to {@code /*}; on them it only leaves an active session in the request and
 * invalidates a bound {@code HttpSession} whose session is over (so an application's "already
 * signed in" check on its login page cannot loop). Configured by {@link LogoutConfig} ({@code login-path}, {@code api-paths}, {@code remember-me},
 * {@code retry-after}); the engine is given or found under {@link SecureLogout#ENGINE_ATTRIBUTE}.
 * Thread-safe.
 */
public final class SessionGuardFilter extends EngineFilter {

    /** For the container: the engine from the {@code ServletContext}, the configuration from init-params. */
    public SessionGuardFilter() {
    }

    /**
     * Programmatic.
     *
     * @param engine the logout engine
     * @param config the adapter's configuration
     */
    public SessionGuardFilter(LogoutEngine engine, LogoutConfig config) {
        super(engine, Optional.empty(), config);
    }

    @Override
    void filter(Wiring w, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (w.config.unguarded(Requests.path(request))) {
            w.guard.observe(request);
            chain.doFilter(request, response);
        } else if (w.guard.admit(request, response).isPresent()) {
            chain.doFilter(request, response);
        }
    }
}
