package dev.securelogout.examples.devices;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.examples.web.Html;
import dev.securelogout.examples.web.Http;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /sessions} as a page, behind the session guard: the user's live sessions (sign-in and
 * last-seen address; another device's sign-in of the last hour marked "new sign-in") and API
 * clients (marked "API client"), each with a button that revokes it, and two buttons that log out
 * everywhere. The JSON list and those
 * {@code POST}s are logout-servlet's {@code SessionEndpointsFilter} (see {@link DeviceEndpoints}).
 * Thread-safe.
 */
public final class DevicesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DevicesServlet.class);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** How long a session from another device is marked as a new sign-in. */
    static final Duration NEW_SIGN_IN = Duration.ofHours(1);

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
        List<PersistentToken> apiClients;
        try {
            sessions = engine.sessionsOf(current);
            apiClients = engine.apiClientsOf(current);
        } catch (RuntimeException e) {
            LOG.warn("session list unavailable: {}", e.toString());
            Http.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable");
            return;
        }
        Http.html(response, HttpServletResponse.SC_OK, Html.page("Devices", Optional.of(current.userId()),
                page(current, sessions, apiClients, engine.clock().instant())));
    }

    private static String page(Session current, List<Session> sessions, List<PersistentToken> apiClients, Instant now) {
        StringBuilder rows = new StringBuilder();
        for (Session s : sessions) {
            boolean isCurrent = s.handle().equals(current.handle());
            boolean isNew = !isCurrent && s.createdAt().isAfter(now.minus(NEW_SIGN_IN));
            rows.append("<tr").append(isCurrent ? " class=\"current\"" : isNew ? " class=\"new\"" : "").append(">")
                    .append("<td>").append(Html.escape(s.device().browser()))
                    .append(isCurrent ? " <span class=\"badge\">this device</span>" : "")
                    .append(isNew ? " <span class=\"badge new\">new sign-in</span>" : "").append("</td>")
                    .append("<td>").append(Html.escape(s.device().os())).append("</td>")
                    .append("<td>").append(Html.escape(s.device().ip())).append("</td>")
                    .append("<td>").append(Html.escape(s.lastSeenIp())).append("</td>")
                    .append("<td>").append(time(s.createdAt())).append("</td>")
                    .append("<td>").append(time(s.lastActiveAt())).append("</td>")
                    .append("<td>").append(Html.postButton("/sessions/" + s.handle() + "/revoke",
                            isCurrent ? "Log out" : "Revoke", isCurrent ? "small" : "small danger", isCurrent))
                    .append("</td></tr>\n");
        }
        for (PersistentToken t : apiClients) {
            rows.append("<tr class=\"api\"><td>").append(Html.escape(t.device().browser()))
                    .append(" <span class=\"badge\">API client</span></td>")
                    .append("<td>").append(Html.escape(t.device().os())).append("</td>")
                    .append("<td>").append(Html.escape(t.device().ip())).append("</td>")
                    .append("<td>").append(Html.escape(t.device().ip())).append("</td>")
                    .append("<td>").append(time(t.familyIssuedAt())).append("</td>")
                    .append("<td>").append(time(t.issuedAt())).append("</td>")
                    .append("<td>").append(Html.postButton("/sessions/" + t.familyId() + "/revoke", "Revoke", "small danger", false))
                    .append("</td></tr>\n");
        }
        return """
                <section class="card">
                <h1>Your devices</h1>
                <p>Every browser and app where you are signed in, and every API client holding a token. Revoke one you do not recognise.</p>
                <div class="table"><table>
                <thead><tr><th>Browser</th><th>OS</th><th>Sign-in IP</th><th>Last-seen IP</th><th>Signed in</th><th>Last active</th><th></th></tr></thead>
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
