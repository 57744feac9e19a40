package dev.securelogout.examples.devices;

import dev.securelogout.examples.web.Http;
import dev.securelogout.servlet.SessionEndpointsFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The devices surface, mapped over {@code /sessions}, {@code /sessions/*} and
 * {@code /logout/everywhere}: a browser's {@code GET /sessions} passes on to the page
 * ({@link DevicesServlet}); everything else is logout-servlet's {@link SessionEndpointsFilter},
 * configured with {@code sessions-path=/sessions} and {@code logout-everywhere-path=/logout/everywhere}:
 * the JSON list, {@code POST /sessions/{id}/revoke} and {@code POST /logout/everywhere}. That
 * filter answers every {@code GET} of its list path with JSON, which is why a browser's request
 * is routed around it. Thread-safe.
 */
public final class DeviceEndpoints extends HttpFilter {

    private static final long serialVersionUID = 1L;
    /** The devices page and the session list. */
    public static final String SESSIONS_PATH = "/sessions";

    private final transient SessionEndpointsFilter endpoints;

    /** Routes around {@code endpoints} (configured with {@link #SESSIONS_PATH}). */
    public DeviceEndpoints(SessionEndpointsFilter endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void init() throws ServletException {
        endpoints.init(getFilterConfig());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean page = "GET".equals(request.getMethod()) && SESSIONS_PATH.equals(request.getServletPath())
                && request.getPathInfo() == null && !Http.wantsJson(request);
        if (page) {
            chain.doFilter(request, response);
        } else {
            endpoints.doFilter(request, response, chain);
        }
    }

    @Override
    public void destroy() {
        endpoints.destroy();
    }
}
