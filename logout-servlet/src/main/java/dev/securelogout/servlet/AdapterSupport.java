package dev.securelogout.servlet;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.SessionCheck;
import dev.securelogout.core.session.Device;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * What an adapter for a framework built on servlets (Spring Security, for one) reuses so that it
 * reads requests and answers exactly as this module's filters do. Stateless.
 */
public final class AdapterSupport {

    private AdapterSupport() {
    }

    /**
     * The value of the first cookie {@code name}, parsed defensively (a malformed neighbour never hides it).
     *
     * @param request the request
     * @param name the name
     * @return the value of the first cookie {@code name}, parsed defensively
     */
    public static Optional<String> cookie(HttpServletRequest request, String name) {
        return Requests.cookie(request, name);
    }

    /**
     * The request's path inside the context (servlet path and path info, decoded and normalized
     * by the container), as this module's filters match their paths.
     *
     * @param request the request
     * @return its path, e.g. {@code /logout}
     */
    public static String path(HttpServletRequest request) {
        return Requests.path(request);
    }

    /**
     * The device that sent the request: {@code User-Agent} and the remote address.
     *
     * @param request the request
     * @return its device
     */
    public static Device device(HttpServletRequest request) {
        return Requests.device(request);
    }

    /**
     * Whether the client wants API answers: one of {@code config}'s API paths, or an {@code Accept} naming JSON.
     *
     * @param request the request
     * @param config the adapter's configuration
     * @return whether the client wants API answers
     */
    public static boolean wantsJson(HttpServletRequest request, LogoutConfig config) {
        return Requests.wantsJson(request, config);
    }

    /**
     * The answer to a request without a valid session: 401 for an API client, else 303 to the login path.
     *
     * @param request the request
     * @param response the response
     * @param config the adapter's configuration
     */
    public static void unauthenticated(HttpServletRequest request, HttpServletResponse response, LogoutConfig config) {
        if (Requests.wantsJson(request, config)) {
            Answers.status(response, HttpServletResponse.SC_UNAUTHORIZED);
        } else {
            Answers.redirect(request, response, config.loginPath());
        }
    }

    /**
     * Starts a session from a remember-me {@code token}, as the session guard does: {@code ACTIVE}
     * with the new session cookie and the rotated remember-me cookie written; {@code INVALID} with
     * the remember-me cookie cleared; {@code UNAVAILABLE} (a store is down) with nothing written.
     *
     * @param engine the logout engine
     * @param token the token
     * @param request the request
     * @param response the response
     * @return the session check
     */
    public static SessionCheck rememberMe(LogoutEngine engine, String token, HttpServletRequest request, HttpServletResponse response) {
        return SessionGuard.restore(engine, token, request, response);
    }

    /**
     * 303 to the same-site {@code path} inside this context, never to anything the client supplied.
     *
     * @param request the request
     * @param response the response
     * @param path the path
     */
    public static void redirect(HttpServletRequest request, HttpServletResponse response, String path) {
        Answers.redirect(request, response, path);
    }

    /**
     * 503 with {@code Retry-After}: a store could not answer, which is never to be read as a logout.
     *
     * @param response the response
     * @param config the adapter's configuration
     */
    public static void unavailable(HttpServletResponse response, LogoutConfig config) {
        Answers.unavailable(response, config.retryAfter());
    }

    /**
     * 303 to the same-site {@code path} inside this context, or 204 for an API client.
     *
     * @param request the request
     * @param response the response
     * @param config the adapter's configuration
     * @param path the path
     */
    public static void done(HttpServletRequest request, HttpServletResponse response, LogoutConfig config, String path) {
        Answers.done(request, response, Requests.wantsJson(request, config), path);
    }

    /**
     * A JSON answer with {@code status}, {@code Cache-Control: no-store}.
     *
     * @param response the response
     * @param status the status
     * @param body the body
     * @throws java.io.IOException if writing the answer fails
     */
    public static void json(HttpServletResponse response, int status, String body) throws IOException {
        Answers.json(response, status, body);
    }

    /**
     * {@code value} as a JSON string literal.
     *
     * @param value the value
     * @return the json string
     */
    public static String jsonString(String value) {
        return Json.string(value);
    }
}
