package dev.securelogout.servlet;

import dev.securelogout.core.IssuedToken;
import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.RememberMeLogin;
import dev.securelogout.core.SessionCheck;
import dev.securelogout.core.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Admits a request with an active session or answers for it: the logic of
 * {@link SessionGuardFilter}, shared with the endpoints that need a session. Immutable and
 * thread-safe.
 */
final class SessionGuard {

    private final LogoutEngine engine;
    private final LogoutConfig config;

    SessionGuard(LogoutEngine engine, LogoutConfig config) {
        this.engine = engine;
        this.config = config;
    }

    /**
     * The request's active session, left in {@link SecureLogout#SESSION_ATTRIBUTE} with
     * {@code Cache-Control: no-store} on the response; or empty once the refusal is written: 303 to
     * the login path or 401 for a session that is not valid, 503 with {@code Retry-After} when the
     * store cannot answer (the session and the cookies left as they are).
     */
    Optional<Session> admit(HttpServletRequest request, HttpServletResponse response) {
        Optional<Session> admitted = SecureLogout.session(request);
        if (admitted.isPresent()) {
            return admitted;
        }
        SessionCheck check = check(request);
        switch (check.status()) {
            case ACTIVE:
                return admitted(request, response, check.session().orElseThrow());
            case UNAVAILABLE:
                Answers.unavailable(response, config.retryAfter());
                return Optional.empty();
            default:
                HttpSessionBinding.reconcile(request, Optional.empty());
                return restore(request, response);
        }
    }

    /**
     * For a path that is not guarded (the login page): leaves an active session in
     * {@link SecureLogout#SESSION_ATTRIBUTE} and invalidates a bound {@code HttpSession} whose
     * session is over; refuses nothing, and changes nothing when the store cannot answer.
     */
    void observe(HttpServletRequest request) {
        if (SecureLogout.session(request).isPresent()) {
            return;
        }
        SessionCheck check = check(request);
        switch (check.status()) {
            case ACTIVE:
                request.setAttribute(SecureLogout.SESSION_ATTRIBUTE, check.session().orElseThrow());
                HttpSessionBinding.reconcile(request, check.session());
                break;
            case UNAVAILABLE:
                break;
            default:
                HttpSessionBinding.reconcile(request, Optional.empty());
        }
    }

    private SessionCheck check(HttpServletRequest request) {
        // no cookie is a session id like any garbage: invalid, and counted as a refused check
        return engine.check(Requests.cookie(request, engine.sessionCookie().name()).orElse(""), request.getRemoteAddr());
    }

    /** A new session from the remember-me cookie, when enabled and presented; else the refusal. */
    private Optional<Session> restore(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> token = config.rememberMe()
                ? Requests.cookie(request, engine.rememberMeCookie().name())
                : Optional.empty();
        if (token.isEmpty()) {
            refuse(request, response);
            return Optional.empty();
        }
        SessionCheck restored = restore(engine, token.get(), request, response);
        switch (restored.status()) {
            case ACTIVE:
                return admitted(request, response, restored.session().orElseThrow());
            case UNAVAILABLE:
                Answers.unavailable(response, config.retryAfter());
                return Optional.empty();
            default:
                refuse(request, response);
                return Optional.empty();
        }
    }

    /**
     * Starts a session from a remember-me {@code token}: {@code ACTIVE} with the new session cookie
     * and the rotated remember-me cookie written; {@code INVALID} with the remember-me cookie
     * cleared; {@code UNAVAILABLE} with nothing written.
     */
    static SessionCheck restore(LogoutEngine engine, String token, HttpServletRequest request, HttpServletResponse response) {
        RememberMeLogin login = engine.loginWithRememberMe(token, Requests.device(request));
        switch (login.token().status()) {
            case ROTATED:
                NewSession session = login.session().orElseThrow();
                IssuedToken rotated = login.token().token().orElseThrow();
                Duration lifetime = Duration.between(engine.clock().instant(), rotated.record().expiresAt());
                response.addHeader("Set-Cookie", engine.sessionSetCookie(session));
                response.addHeader("Set-Cookie", engine.rememberMeCookie().setCookie(rotated.token().value(),
                        lifetime.toSeconds() > 0 ? lifetime : engine.rememberMeLifetime()));
                return new SessionCheck(SessionCheck.Status.ACTIVE, Optional.of(session.session()));
            case UNAVAILABLE:
                return new SessionCheck(SessionCheck.Status.UNAVAILABLE, Optional.empty());
            default:
                response.addHeader("Set-Cookie", engine.rememberMeCookie().clearing());
                return new SessionCheck(SessionCheck.Status.INVALID, Optional.empty());
        }
    }

    private static Optional<Session> admitted(HttpServletRequest request, HttpServletResponse response, Session session) {
        request.setAttribute(SecureLogout.SESSION_ATTRIBUTE, session);
        HttpSessionBinding.reconcile(request, Optional.of(session));
        Answers.noStore(response);
        return Optional.of(session);
    }

    /** 401 for an API client, 303 to the login path for a browser. */
    void refuse(HttpServletRequest request, HttpServletResponse response) {
        AdapterSupport.unauthenticated(request, response, config);
    }
}
