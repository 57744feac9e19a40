package dev.securelogout.oidc;

import dev.securelogout.servlet.AdapterSupport;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The back-channel logout endpoint (OpenID Connect Back-Channel Logout 1.0 section 2.8), the URL
 * registered at the provider as this client's {@code backchannel_logout_uri}. Its caller is the
 * provider's server, not a browser: it carries no session cookie, and it is the one path that
 * {@link dev.securelogout.servlet.CrossSiteFilter} may exempt.
 *
 * <ul>
 * <li>{@code POST} of {@code application/x-www-form-urlencoded} with one {@code logout_token}
 *     (the body at most {@value #MAX_BODY_BYTES} bytes): {@link BackChannelLogout#receive}.</li>
 * <li>Logged out: 200, empty, {@code Cache-Control: no-store}.</li>
 * <li>Anything invalid (the token, a replay, the body, the content type): 400
 *     {@code {"error":"invalid_request"}}, never a reason why.</li>
 * <li>The provider's keys or a store unreachable: 503 {@code {"error":"temporarily_unavailable"}}.</li>
 * <li>Any other method: 405 with {@code Allow: POST}.</li>
 * </ul>
 * Never a 500. Thread-safe.
 */
public final class BackChannelLogoutServlet extends HttpServlet {

    /** The largest request body read. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BackChannelLogoutServlet.class);
    private static final String PARAMETER = "logout_token";

    private final transient BackChannelLogout logout;

    /**
     * The endpoint over {@code logout}.
     *
     * @param logout the receiver of the tokens
     */
    public BackChannelLogoutServlet(BackChannelLogout logout) {
        this.logout = Objects.requireNonNull(logout, "logout");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            return;
        }
        Optional<String> token;
        try {
            token = token(request);
        } catch (IOException | RuntimeException e) {
            LOG.debug("back-channel logout body unreadable: {}", e.getClass().getSimpleName());
            token = Optional.empty();
        }
        BackChannelLogout.Result result = token.map(t -> logout.receive(t, AdapterSupport.device(request)))
                .orElse(BackChannelLogout.Result.INVALID);
        switch (result) {
            case LOGGED_OUT -> response.setStatus(HttpServletResponse.SC_OK);
            case INVALID -> error(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request");
            case UNAVAILABLE -> error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable");
        }
    }

    /** The one {@code logout_token} of a bounded form body; empty when there is none, or more than one. */
    private static Optional<String> token(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return Optional.empty();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        Optional<String> found = Optional.empty();
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (PARAMETER.equals(name)) {
                if (found.isPresent() || eq < 0) {
                    return Optional.empty();
                }
                found = Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return found;
    }

    private static void error(HttpServletResponse response, int status, String code) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"error\":\"" + code + "\"}");
    }
}
