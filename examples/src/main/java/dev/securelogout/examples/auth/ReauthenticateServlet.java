package dev.securelogout.examples.auth;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.examples.web.Html;
import dev.securelogout.examples.web.Http;
import dev.securelogout.servlet.ReauthenticationFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code POST /reauthenticate} with {@code password}, behind the session guard and logout-servlet's
 * {@link ReauthenticationFilter} (which checks the password, throttled like the login, and restarts
 * the re-authentication window): 204 for a JSON client or 303 to the devices page once the
 * session is recently authenticated; otherwise (no password, a wrong one) 403
 * {@code {"error": "reauthentication_required"}}, or the password prompt for a browser.
 * {@code GET /reauthenticate} shows the prompt. Thread-safe.
 */
public final class ReauthenticateServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Where this servlet is mapped. */
    public static final String PATH = "/reauthenticate";

    private final transient LogoutEngine engine;

    /**
     * The endpoint over {@code engine}.
     *
     * @param engine the engine holding the sessions
     */
    public ReauthenticateServlet(LogoutEngine engine) {
        this.engine = engine;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Http.html(response, HttpServletResponse.SC_OK, page(request));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!engine.isRecentlyAuthenticated(Http.session(request))) {
            Http.reauthenticationRequired(request, response, () -> page(request));
        } else if (Http.wantsJson(request)) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            Http.seeOther(response, "/sessions");
        }
    }

    private static String page(HttpServletRequest request) {
        return Html.page("Confirm it is you", Optional.of(Http.session(request).userId()), Html.reauthenticationPrompt(PATH));
    }
}
