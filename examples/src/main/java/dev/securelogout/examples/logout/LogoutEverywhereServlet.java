package dev.securelogout.examples.logout;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutOutcome;
import dev.securelogout.examples.auth.SessionGuard;
import dev.securelogout.examples.web.Http;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /logout/everywhere} (behind the session guard), form {@code keepCurrent=true|false}
 * (default false): ends every session and token of the user, this one too unless kept, and tells
 * the user's open pages. Answers 303 to the login page, or to the device list when this session
 * was kept; 204 to a JSON client; 400 for another {@code keepCurrent}. Thread-safe.
 */
public final class LogoutEverywhereServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient LogoutEngine engine;

    /** The endpoint over {@code engine}. */
    public LogoutEverywhereServlet(LogoutEngine engine) {
        this.engine = engine;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String keep = Http.param(request, "keepCurrent");
        if (!keep.isEmpty() && !keep.equals("true") && !keep.equals("false")) {
            Http.error(response, HttpServletResponse.SC_BAD_REQUEST, "keepCurrent must be true or false");
            return;
        }
        LogoutOutcome outcome = engine.logoutEverywhere(SessionGuard.current(request), keep.equals("true"), Http.device(request));
        if (outcome.clearsClient()) {
            BrowserLogout.leave(request, response, outcome);
        } else if (Http.wantsJson(request)) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            Http.seeOther(response, "/sessions");
        }
    }
}
