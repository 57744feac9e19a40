package dev.securelogout.examples.devices;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.session.Session;
import dev.securelogout.examples.web.Html;
import dev.securelogout.examples.web.Http;
import dev.securelogout.servlet.CrossSiteFilter;
import dev.securelogout.servlet.LogoutConfig;
import dev.securelogout.servlet.SecureLogout;
import dev.securelogout.servlet.SessionEndpointsFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The devices surface, mapped over {@code /sessions}, {@code /sessions/*} and
 * {@code /logout/everywhere}: a browser's {@code GET /sessions} passes on to the page
 * ({@link DevicesServlet}); everything else is logout-servlet's {@link SessionEndpointsFilter},
 * configured with {@code sessions-path=/sessions} and {@code logout-everywhere-path=/logout/everywhere}:
 * the JSON list, {@code POST /sessions/{id}/revoke} and {@code POST /logout/everywhere}. That
 * filter answers every {@code GET} of its list path with JSON, which is why a browser's request
 * is routed around it. A browser's same-site request that the filter would refuse for want of a
 * recent authentication (revoking another device, logging out the other devices) gets, instead
 * of its JSON 403, a 403 page with the password prompt that sends the same request again with
 * {@code password}. Thread-safe.
 */
public final class DeviceEndpoints extends HttpFilter {

    private static final long serialVersionUID = 1L;
    /** The devices page and the session list. */
    public static final String SESSIONS_PATH = "/sessions";
    private static final String REVOKE = "/revoke";

    private final transient LogoutEngine engine;
    private final transient SessionEndpointsFilter endpoints;
    private final transient CrossSiteFilter crossSite;

    /**
     * The endpoints over {@code engine}.
     *
     * @param engine the engine holding the sessions
     * @param config the filters' settings, with {@link #SESSIONS_PATH} as {@code sessions-path}
     */
    public DeviceEndpoints(LogoutEngine engine, LogoutConfig config) {
        this.engine = engine;
        this.endpoints = new SessionEndpointsFilter(engine, config);
        this.crossSite = new CrossSiteFilter(config);
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
        } else if ("POST".equals(request.getMethod()) && !Http.wantsJson(request)) {
            crossSite.doFilter(request, response, (rq, rs) -> {
                Optional<String[]> refused = needsPassword(request);
                if (refused.isPresent()) {
                    Session session = Http.session(request);
                    Http.html(response, HttpServletResponse.SC_FORBIDDEN, Html.page("Confirm it is you", Optional.of(session.userId()),
                            Html.reauthenticationPrompt(request.getServletPath() + Optional.ofNullable(request.getPathInfo()).orElse(""),
                                    refused.get())));
                } else {
                    endpoints.doFilter(request, response, chain);
                }
            });
        } else {
            endpoints.doFilter(request, response, chain);
        }
    }

    /**
     * The fields to send again when this request needs a recent authentication that the session
     * lacks: {@code keepCurrent=true} of a logout of the other devices, none of a revocation of
     * another device; empty when it needs none or has it.
     */
    private Optional<String[]> needsPassword(HttpServletRequest request) {
        Optional<Session> session = SecureLogout.session(request);
        if (session.isEmpty() || engine.isRecentlyAuthenticated(session.get())) {
            return Optional.empty();
        }
        String path = request.getServletPath() + Optional.ofNullable(request.getPathInfo()).orElse("");
        if (path.equals("/logout/everywhere") && "true".equalsIgnoreCase(request.getParameter("keepCurrent"))) {
            return Optional.of(new String[] {"keepCurrent", "true"});
        }
        boolean revokesAnother = path.startsWith(SESSIONS_PATH + "/") && path.endsWith(REVOKE)
                && !path.equals(SESSIONS_PATH + "/" + session.get().handle() + REVOKE);
        return revokesAnother ? Optional.of(new String[0]) : Optional.empty();
    }

    @Override
    public void destroy() {
        endpoints.destroy();
    }
}
