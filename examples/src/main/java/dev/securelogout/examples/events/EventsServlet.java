package dev.securelogout.examples.events;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.core.session.Session;
import dev.securelogout.examples.web.Http;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET /events} (behind the session guard): a Server-Sent Events stream for the current
 * session that sends {@code event: logout} as soon as the session is ended elsewhere (another
 * device, logout everywhere, an account change, on any node the notifier reaches), then closes.
 * Thread-safe.
 */
public final class EventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient LogoutEngine engine;
    private final transient SessionNotifier notifier;
    private final transient EventStreams streams;

    /** The endpoint over {@code engine}, listening to {@code notifier}, keeping streams in {@code streams}. */
    public EventsServlet(LogoutEngine engine, SessionNotifier notifier, EventStreams streams) {
        this.engine = engine;
        this.notifier = notifier;
        this.streams = streams;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Session session = Http.session(request);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        EventStreams.Stream stream = streams.open(async, notifier, session.userId(), session.handle());
        // a logout between the guard's check and the subscription would otherwise go unnoticed
        Optional<String> cookie = Http.cookie(request, engine.sessionCookie().name());
        boolean namesSession = cookie.flatMap(Credential::parse).map(id -> id.key().equals(session.key())).orElse(false);
        if (namesSession && !engine.check(cookie.get()).isActive()) {
            stream.logout();
        }
    }
}
