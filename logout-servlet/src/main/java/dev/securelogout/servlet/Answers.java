package dev.securelogout.servlet;

import dev.securelogout.core.ClientInstructions;
import dev.securelogout.core.LogoutOutcome;
import dev.securelogout.core.cookie.ClearSiteData;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes the answers the filters give. No answer carries an error detail, a stack trace or a hint
 * whether a session existed; every answer of this module carries {@code Cache-Control: no-store}.
 * Stateless.
 */
final class Answers {

    private Answers() {
    }

    /** Forbids caching: the back button must show nothing after logout. */
    static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }

    /** An empty answer with {@code status}. */
    static void status(HttpServletResponse response, int status) {
        noStore(response);
        response.setStatus(status);
        response.setContentLength(0);
    }

    /** 405 naming the one method allowed. */
    static void methodNotAllowed(HttpServletResponse response, String allowed) {
        response.setHeader("Allow", allowed);
        status(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }

    /** 503 with {@code Retry-After}: a store could not answer; nothing is to be read as a logout. */
    static void unavailable(HttpServletResponse response, Duration retryAfter) {
        response.setHeader("Retry-After", Long.toString(retryAfter.toSeconds()));
        status(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }

    /** A JSON body with {@code status}. */
    static void json(HttpServletResponse response, int status, String body) throws IOException {
        noStore(response);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The end of a successful action: 204 for an API client, else 303 to {@code path} in this context. */
    static void done(HttpServletRequest request, HttpServletResponse response, boolean json, String path) {
        if (json) {
            status(response, HttpServletResponse.SC_NO_CONTENT);
        } else {
            redirect(request, response, path);
        }
    }

    /** 303 to the same-site {@code path} inside this context; never to anything the client supplied. */
    static void redirect(HttpServletRequest request, HttpServletResponse response, String path) {
        response.setHeader("Location", request.getContextPath() + path);
        status(response, HttpServletResponse.SC_SEE_OTHER);
    }

    /**
     * The client half of a logout: when the instructions clear the client, the container's
     * {@code HttpSession} invalidated; every {@code Set-Cookie} written as is (a kept session's new
     * cookie included), {@code Clear-Site-Data} when any.
     */
    static void instruct(HttpServletRequest request, HttpServletResponse response, ClientInstructions instructions) {
        if (instructions.clearsClient()) {
            invalidateHttpSession(request);
        }
        instructions.setCookies().forEach(cookie -> response.addHeader("Set-Cookie", cookie));
        String directives = ClearSiteData.headerValue(instructions.clearSiteData());
        if (!directives.isEmpty()) {
            response.setHeader("Clear-Site-Data", directives);
        }
        noStore(response);
    }

    /**
     * The end of a change that {@code outcome} reports: 503 with {@code Retry-After} when a
     * server-side step failed (something may still be accepted elsewhere for now), else
     * {@link #done}.
     */
    static void after(HttpServletRequest request, HttpServletResponse response, LogoutConfig config,
                      LogoutOutcome outcome, String path) {
        if (outcome.serverSideFailed()) {
            unavailable(response, config.retryAfter());
        } else {
            done(request, response, Requests.wantsJson(request, config), path);
        }
    }

    private static void invalidateHttpSession(HttpServletRequest request) {
        try {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        } catch (IllegalStateException e) {
            // no session manager in this context, or invalidated concurrently: nothing left to end
        }
    }
}
