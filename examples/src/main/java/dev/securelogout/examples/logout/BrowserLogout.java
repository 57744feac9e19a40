package dev.securelogout.examples.logout;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutOutcome;
import dev.securelogout.core.LogoutRequest;
import dev.securelogout.examples.web.Http;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Logs a browser out: what every route that ends the browser's own session shares. Stateless. */
public final class BrowserLogout {

    private BrowserLogout() {
    }

    /** Ends the session and the remember-me series whose cookies {@code request} carries, valid or not. */
    public static LogoutOutcome logout(LogoutEngine engine, HttpServletRequest request) {
        return engine.logout(LogoutRequest.from(Http.device(request))
                .withSessionId(Http.cookie(request, engine.sessionCookie().name()).orElse(null))
                .withRememberMe(Http.cookie(request, engine.rememberMeCookie().name()).orElse(null)));
    }

    /** Clears the client as {@code outcome} says and sends it to the login page (204 for JSON). */
    public static void leave(HttpServletRequest request, HttpServletResponse response, LogoutOutcome outcome) {
        Http.clearClient(response, outcome.setCookies(), outcome.clearSiteData());
        if (Http.wantsJson(request)) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            Http.seeOther(response, outcome.redirectTo());
        }
    }
}
