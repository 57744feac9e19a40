package dev.securelogout.examples.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Serves the demo's static files under {@value #PREFIX}: its stylesheet (logout-servlet's
 * {@link dev.securelogout.servlet.LogoutScriptServlet} serves {@value #LOGOUT_SCRIPT}). The set is
 * fixed at startup; anything else is 404. Thread-safe.
 */
public final class Assets extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Where the assets live. */
    public static final String PREFIX = "/assets/";
    /** The stable path of the browser logout script, for other apps to include. */
    public static final String LOGOUT_SCRIPT = PREFIX + "logout.js";

    private record Asset(String contentType, byte[] bytes) {
    }

    private final transient Map<String, Asset> assets = Map.of("app.css", load("app.css", "text/css;charset=utf-8"));

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        Asset asset = path == null ? null : assets.get(path.substring(1));
        if (asset == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(asset.contentType());
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(asset.bytes().length);
        response.getOutputStream().write(asset.bytes());
    }

    private static Asset load(String name, String contentType) {
        try (InputStream in = Assets.class.getResourceAsStream("/dev/securelogout/examples/assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing asset " + name);
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
