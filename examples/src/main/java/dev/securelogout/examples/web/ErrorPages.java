package dev.securelogout.examples.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Every error answer the container itself writes (a malformed query, form, charset or request
 * line, an oversized header, an unknown path, an exception that escaped a servlet) as the demo's
 * own plain page, or {@code {"error": code}} for an API client: the status and its reason only,
 * never an exception, a message, a class or servlet name, or a server version. Set on the server
 * (errors before any context) and on the servlet context. Stateless.
 */
public final class ErrorPages extends ErrorHandler {

    private static final HttpField NO_STORE = new HttpField(HttpHeader.CACHE_CONTROL, "no-store");
    /** The JSON error codes of the statuses the container answers; others are {@code error}. */
    private static final Map<Integer, String> CODES = Map.of(400, "bad_request", 404, "not_found", 405, "method_not_allowed",
            408, "timeout", 413, "too_large", 414, "too_large", 415, "unsupported_media_type", 431, "too_large",
            500, "server_error", 503, "temporarily_unavailable");

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() < 400 ? HttpStatus.INTERNAL_SERVER_ERROR_500 : response.getStatus();
        boolean json = wantsJson(request);
        byte[] body = (json ? "{\"error\":\"" + code(status) + "\"}" : page(status)).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, json ? "application/json;charset=utf-8" : "text/html;charset=utf-8");
        response.getHeaders().put(NO_STORE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static String code(int status) {
        return CODES.getOrDefault(status, "error");
    }

    private static String page(int status) {
        String reason = HttpStatus.getMessage(status);
        return Html.page(reason, Optional.empty(), "<section class=\"card narrow\">\n<h1>" + status + " " + Html.escape(reason)
                + "</h1>\n<p><a href=\"/\">Home</a></p>\n</section>");
    }

    private static boolean wantsJson(Request request) {
        String path = Request.getPathInContext(request);
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        return path.startsWith("/api/") || path.startsWith("/oauth/")
                || (accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json"));
    }
}
