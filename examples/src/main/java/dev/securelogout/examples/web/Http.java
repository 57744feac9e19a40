package dev.securelogout.examples.web;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.securelogout.core.ClientInstructions;
import dev.securelogout.core.cookie.ClearSiteData;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.servlet.SecureLogout;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Small request and response helpers shared by the demo's servlets. Stateless. */
public final class Http {

    /** Largest JSON body read. */
    public static final int MAX_JSON_BODY = 8 * 1024;

    private Http() {
    }

    /** The device that sent the request, for session lists and audit lines. */
    public static Device device(HttpServletRequest request) {
        return Device.of(request.getHeader("User-Agent"), request.getRemoteAddr());
    }

    /**
     * The session that logout-servlet's session guard admitted the request with.
     *
     * @throws IllegalStateException when the request did not pass the guard (a wiring mistake)
     */
    public static Session session(HttpServletRequest request) {
        return SecureLogout.session(request).orElseThrow(() -> new IllegalStateException("the request did not pass the session guard"));
    }

    /** Whether the client asked for JSON. */
    public static boolean wantsJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("application/json");
    }

    /** The value of the cookie {@code name}, if sent. */
    public static Optional<String> cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name)) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** The form parameter {@code name}, or "" when absent. */
    public static String param(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null ? "" : value;
    }

    /** Writes what a logout tells the client: each {@code Set-Cookie} value, and {@code Clear-Site-Data} when there are directives. */
    public static void instruct(HttpServletResponse response, ClientInstructions instructions) {
        instructions.setCookies().forEach(value -> response.addHeader("Set-Cookie", value));
        if (!instructions.clearSiteData().isEmpty()) {
            response.setHeader("Clear-Site-Data", ClearSiteData.headerValue(instructions.clearSiteData()));
        }
    }

    /** A 303 See Other to a same-site path. */
    public static void seeOther(HttpServletResponse response, String path) {
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", path);
    }

    /** Writes an HTML page. */
    public static void html(HttpServletResponse response, int status, String page) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.getWriter().write(page);
    }

    /** Writes a JSON object. */
    public static void json(HttpServletResponse response, int status, Map<String, ?> body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.getWriter().write(JSONObjectUtils.toJSONString(body));
    }

    /** Writes {@code {"error": code}}. */
    public static void error(HttpServletResponse response, int status, String code) throws IOException {
        json(response, status, Map.of("error", code));
    }

    /**
     * The request body as a JSON object; empty when it is missing, not JSON, not an object, or
     * larger than {@value #MAX_JSON_BODY} bytes.
     */
    public static Optional<Map<String, Object>> jsonBody(HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_JSON_BODY + 1);
        }
        if (body.length == 0 || body.length > MAX_JSON_BODY) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8)));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The string member {@code name} of a JSON object, if it is a string. */
    public static Optional<String> string(Map<String, Object> json, String name) {
        return json.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /**
     * The refusal of a sensitive change that needs a recent authentication; nothing changed. A JSON
     * client gets 403 {@code {"error": "reauthentication_required"}}; a browser gets 403 and
     * {@code page}, which holds the password prompt.
     *
     * @param request  the refused request
     * @param response where the refusal is written
     * @param page     the browser's page with the prompt, built only when needed
     * @throws IOException when the answer cannot be written
     */
    public static void reauthenticationRequired(HttpServletRequest request, HttpServletResponse response, Supplier<String> page)
            throws IOException {
        if (wantsJson(request)) {
            error(response, HttpServletResponse.SC_FORBIDDEN, "reauthentication_required");
        } else {
            html(response, HttpServletResponse.SC_FORBIDDEN, page.get());
        }
    }
}
