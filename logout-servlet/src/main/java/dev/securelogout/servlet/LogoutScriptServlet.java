package dev.securelogout.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves {@link LogoutScript} on {@code GET} at the path it is mapped to (e.g.
 * {@code /assets/logout.js}), as {@code text/javascript} with {@code Cache-Control: no-cache} and
 * an {@code ETag} of its version, so a browser revalidates and an upgrade reaches it at once.
 * Stateless.
 */
public final class LogoutScriptServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** The servlet, to map at the script's path. */
    public LogoutScriptServlet() {
    }

    private static final String ETAG = "\"" + LogoutScript.version() + "\"";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("ETag", ETAG);
        if (ETAG.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] script = LogoutScript.shared();
        response.setContentType(LogoutScript.CONTENT_TYPE);
        response.setContentLength(script.length);
        response.getOutputStream().write(script);
    }
}
