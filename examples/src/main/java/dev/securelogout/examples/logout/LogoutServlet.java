package dev.securelogout.examples.logout;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.examples.web.Http;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /logout}: ends the session and remember-me series the browser presents, deletes
 * their cookies, sends {@code Clear-Site-Data}, and answers 303 to the login page (204 to a JSON
 * client). With no session, or a forged one, the answer is the same. {@code GET} is 405.
 * Thread-safe.
 */
public final class LogoutServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient LogoutEngine engine;

    /** The logout endpoint over {@code engine}. */
    public LogoutServlet(LogoutEngine engine) {
        this.engine = engine;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST");
        Http.error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method_not_allowed");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        BrowserLogout.leave(request, response, BrowserLogout.logout(engine, request));
    }
}
