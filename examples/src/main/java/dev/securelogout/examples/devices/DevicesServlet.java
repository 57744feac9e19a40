package dev.securelogout.examples.devices;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.session.Session;
import dev.securelogout.examples.web.Html;
import dev.securelogout.examples.web.Http;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /sessions} as a page, behind the session guard: the user's live sessions, each with a
 * button that revokes it and two buttons that log out everywhere. The JSON list and those
 * {@code POST}s are logout-servlet's {@code SessionEndpointsFilter} (see {@link DeviceEndpoints}).
 * Thread-safe.
 */
public final class DevicesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DevicesServlet.class);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final transient LogoutEngine engine;

    /** The page over {@code engine}. */
    public DevicesServlet(LogoutEngine engine) {
        this.engine = engine;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getPathInfo() != null && !request.getPathInfo().equals("/")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Session current = Http.session(request);
        List<Session> sessions;
        try {
            sessions = engine.sessionsOf(current);
        } catch (RuntimeException e) {
            LOG.warn("session list unavailable: {}", e.toString());
            Http.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable");
            return;
        }
        Http.html(response, HttpServletResponse.SC_OK, Html.page("Devices", Optional.of(current.userId()), page(current, sessions)));
    }

    private static String page(Session current, List<Session> sessions) {
        StringBuilder rows = new StringBuilder();
        for (Session s : sessions) {
            boolean isCurrent = s.handle().equals(current.handle());
            rows.append("<tr").append(isCurrent ? " class=\"current\"" : "").append(">")
                    .append("<td>").append(Html.escape(s.device().browser()))
                    .append(isCurrent ? " <span class=\"badge\">this device</span>" : "").append("</td>")
                    .append("<td>").append(Html.escape(s.device().os())).append("</td>")
                    .append("<td>").append(Html.escape(s.device().ip())).append("</td>")
                    .append("<td>").append(time(s.createdAt())).append("</td>")
                    .append("<td>").append(time(s.lastActiveAt())).append("</td>")
                    .append("<td>").append(Html.postButton("/sessions/" + s.handle() + "/revoke",
                            isCurrent ? "Log out" : "Revoke", isCurrent ? "small" : "small danger", isCurrent))
                    .append("</td></tr>\n");
        }
        return """
                <section class="card">
                <h1>Your devices</h1>
                <p>Every browser and app where you are signed in. Revoke one you do not recognise.</p>
                <div class="table"><table>
                <thead><tr><th>Browser</th><th>OS</th><th>IP address</th><th>Signed in</th><th>Last active</th><th></th></tr></thead>
                <tbody>
                %s</tbody>
                </table></div>
                <div class="actions">
                %s
                %s
                </div>
                </section>""".formatted(rows,
                Html.postButton("/logout/everywhere", "Log out all other devices", "", false, "keepCurrent", "true"),
                Html.postButton("/logout/everywhere", "Log out everywhere", "danger", true, "keepCurrent", "false"));
    }

    private static String time(Instant instant) {
        return "<time datetime=\"" + instant + "\">" + SHOWN.format(instant) + "</time>";
    }
}
