package dev.securelogout.examples.devices;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.RevokeResult;
import dev.securelogout.core.session.Session;
import dev.securelogout.examples.auth.SessionGuard;
import dev.securelogout.examples.logout.BrowserLogout;
import dev.securelogout.examples.web.Html;
import dev.securelogout.examples.web.Http;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's devices, behind the session guard. {@code GET /sessions} lists the user's live
 * sessions (HTML, or JSON objects with an opaque {@code id} handle); {@code POST
 * /sessions/{id}/revoke} ends one of the user's own sessions: another user's handle, or a
 * handle that names nothing, is 404. Ending the current one logs this browser out. Thread-safe.
 */
public final class DevicesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DevicesServlet.class);
    private static final Pattern REVOKE = Pattern.compile("/([A-Za-z0-9_-]{1,64})/revoke");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final transient LogoutEngine engine;

    /** The device endpoints over {@code engine}. */
    public DevicesServlet(LogoutEngine engine) {
        this.engine = engine;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getPathInfo() != null && !request.getPathInfo().equals("/")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        Session current = SessionGuard.current(request);
        List<Session> sessions;
        try {
            sessions = engine.sessionsOf(current);
        } catch (RuntimeException e) {
            LOG.warn("session list unavailable: {}", e.toString());
            Http.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable");
            return;
        }
        if (Http.wantsJson(request)) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Session s : sessions) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", s.handle());
                item.put("current", s.handle().equals(current.handle()));
                item.put("browser", s.device().browser());
                item.put("os", s.device().os());
                item.put("ip", s.device().ip());
                item.put("createdAt", s.createdAt().toString());
                item.put("lastActiveAt", s.lastActiveAt().toString());
                list.add(item);
            }
            Http.json(response, HttpServletResponse.SC_OK, list);
            return;
        }
        Http.html(response, HttpServletResponse.SC_OK, Html.page("Devices", Optional.of(current.userId()), page(current, sessions)));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher revoke = REVOKE.matcher(request.getPathInfo() == null ? "" : request.getPathInfo());
        if (!revoke.matches()) {
            Http.error(response, HttpServletResponse.SC_NOT_FOUND, "not_found");
            return;
        }
        RevokeResult result = engine.revokeSession(SessionGuard.current(request), revoke.group(1), Http.device(request));
        switch (result) {
            case REVOKED -> {
                if (Http.wantsJson(request)) {
                    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                } else {
                    Http.seeOther(response, "/sessions");
                }
            }
            case REVOKED_CURRENT -> {
                // this browser's session is gone: log it out fully, its remember-me series too
                BrowserLogout.leave(request, response, BrowserLogout.logout(engine, request));
            }
            case NOT_FOUND -> Http.error(response, HttpServletResponse.SC_NOT_FOUND, "not_found");
            default -> Http.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable");
        }
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
