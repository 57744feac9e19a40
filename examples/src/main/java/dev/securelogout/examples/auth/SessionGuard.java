package dev.securelogout.examples.auth;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.RefreshResult;
import dev.securelogout.core.RememberMeLogin;
import dev.securelogout.core.SessionCheck;
import dev.securelogout.core.session.Session;
import dev.securelogout.examples.web.Http;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Guards the signed-in pages and endpoints: lets a request through only with a live session,
 * from the session cookie or, failing that, from a remember-me cookie (which starts a new session
 * and rotates the token). An anonymous browser is sent to {@code /login} (303); a JSON or
 * event-stream client gets 401; a store that cannot answer gets 503, never a pass.
 * Thread-safe.
 */
public final class SessionGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String SESSION = SessionGuard.class.getName() + ".session";

    private final transient LogoutEngine engine;

    /** A guard that checks sessions with {@code engine}. */
    public SessionGuard(LogoutEngine engine) {
        this.engine = engine;
    }

    /** The live session of a request this guard let through. */
    public static Session current(HttpServletRequest request) {
        Object session = request.getAttribute(SESSION);
        if (session instanceof Session s) {
            return s;
        }
        throw new IllegalStateException("the request did not pass the session guard");
    }

    /** Sets the session cookie for {@code session} on the response. */
    public static void setSessionCookie(LogoutEngine engine, HttpServletResponse response, NewSession session) {
        response.addHeader("Set-Cookie", engine.sessionCookie().setCookie(session.id().value()));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        SessionCheck check = engine.check(Http.cookie(request, engine.sessionCookie().name()).orElse(null));
        Optional<Session> session = check.session();
        if (check.status() == SessionCheck.Status.INVALID) {
            Optional<String> rememberMe = Http.cookie(request, engine.rememberMeCookie().name());
            if (rememberMe.isPresent()) {
                RememberMeLogin login = engine.loginWithRememberMe(rememberMe.get(), Http.device(request));
                if (login.token().status() == RefreshResult.Status.UNAVAILABLE) {
                    unavailable(response);
                    return;
                }
                session = login.session().map(s -> s.session());
                login.session().ifPresentOrElse(s -> setSessionCookie(engine, response, s),
                        () -> response.addHeader("Set-Cookie", engine.rememberMeCookie().clearing()));
                login.token().token().ifPresent(t -> response.addHeader("Set-Cookie",
                        engine.rememberMeCookie().setCookie(t.token().value(), engine.rememberMeLifetime())));
            }
        }
        if (check.status() == SessionCheck.Status.UNAVAILABLE) {
            unavailable(response);
        } else if (session.isPresent()) {
            request.setAttribute(SESSION, session.get());
            chain.doFilter(request, response);
        } else if (Http.wantsJson(request) || acceptsEventStream(request)) {
            response.setHeader("WWW-Authenticate", "Cookie realm=\"secure-logout-demo\"");
            Http.error(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthenticated");
        } else {
            Http.seeOther(response, "/login");
        }
    }

    private static boolean acceptsEventStream(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/event-stream");
    }

    private static void unavailable(HttpServletResponse response) throws IOException {
        response.setHeader("Retry-After", "5");
        Http.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable");
    }
}
