package dev.securelogout.servlet;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.session.Session;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * The live logout notice, {@code GET} only, behind the {@link SessionGuardFilter} (map both to the
 * same path, e.g. {@code /events}, listed in {@code api-paths} so an anonymous client gets 401): a
 * Server-Sent Events stream of the current session that sends {@code event: logout} as soon as the
 * session is ended anywhere the engine's notifier reaches (another device, logout everywhere, a
 * security event), then closes. {@code logout.js} ({@link LogoutScript}) listens to it. Streams
 * are kept, bounded and ended by {@link SessionEventStreams}. Needs async support
 * ({@code setAsyncSupported(true)} on the servlet and the guard). A request that did not pass the
 * guard gets 401. Thread-safe.
 */
public final class SessionEventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient LogoutEngine engine;
    private final transient SessionEventStreams streams;

    /**
     * The endpoint over {@code engine}, keeping its streams in {@code streams}.
     *
     * @param engine the logout engine
     * @param streams the streams
     */
    public SessionEventsServlet(LogoutEngine engine, SessionEventStreams streams) {
        this.engine = engine;
        this.streams = streams;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        Optional<Session> admitted = SecureLogout.session(request);
        if (admitted.isEmpty()) {
            Answers.status(response, HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        Session session = admitted.get();
        Answers.noStore(response);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        SessionEventStreams.Stream stream = streams.open(async, session);
        // a logout between the guard's check and the subscription would otherwise go unnoticed
        Optional<String> cookie = Requests.cookie(request, engine.sessionCookie().name());
        boolean namesSession = cookie.flatMap(Credential::parse).map(id -> id.key().equals(session.key())).orElse(false);
        if (namesSession && !engine.check(cookie.get()).isActive()) {
            stream.logout();
        }
    }
}
