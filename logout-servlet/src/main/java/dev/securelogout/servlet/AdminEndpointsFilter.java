package dev.securelogout.servlet;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutOutcome;
import dev.securelogout.core.RevokeResult;
import dev.securelogout.core.SessionAdmin;
import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.spi.StoreException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operator's endpoints over {@link SessionAdmin}, under a path of the application's choosing
 * ({@code users-path}, e.g. {@code /admin/users}), behind the application's own authorisation
 * check ({@link Authorization}); other requests pass on.
 *
 * <ul>
 * <li>{@code GET <users-path>/<user>/sessions}: that user's devices, as the user's own list
 *     ({@link SessionEndpointsFilter}) with {@code current} always false.</li>
 * <li>{@code POST <users-path>/<user>/sessions/<id>/revoke}: ends that session or API client:
 *     204, or 303 to the list; an id that is not the user's: 404.</li>
 * <li>{@code POST <users-path>/<user>/logout-everywhere}: ends every session and token of the
 *     user: 204, or 303 to the list.</li>
 * </ul>
 *
 * A request the authorisation refuses is 403 {@code {"error":"forbidden"}} and changes nothing;
 * then state changes are {@code POST} only (405) and refused cross-site (403). Every change is
 * audited with the administrator's id and the optional {@code reason} parameter. A store that
 * cannot answer: 503 with {@code Retry-After}. Thread-safe.
 */
public final class AdminEndpointsFilter extends EngineFilter {

    /** Who may act as an administrator. */
    @FunctionalInterface
    public interface Authorization {
        /**
         * The administrator making {@code request}.
         *
         * @param request the request, after the application's own authentication
         * @return the administrator's id; empty to refuse the request with 403
         */
        Optional<String> administrator(HttpServletRequest request);
    }

    private static final Pattern ROUTE = Pattern.compile("/([^/\\p{Cntrl}]{1,64})/(sessions|sessions/([A-Za-z0-9_-]{22})/revoke|logout-everywhere)");
    private static final int MAX_REASON = 200;

    private final String usersPath;
    private final Authorization authorization;

    /**
     * The endpoints under {@code usersPath}.
     *
     * @param engine        the engine whose {@link LogoutEngine#admin()} acts
     * @param config        the retry delay, API paths and allowed origins
     * @param usersPath     the path the user ids follow, e.g. {@code /admin/users}
     * @param authorization the application's check: who the administrator is, or a refusal
     * @throws IllegalArgumentException when {@code usersPath} does not start with "/" or ends with one
     */
    public AdminEndpointsFilter(LogoutEngine engine, LogoutConfig config, String usersPath, Authorization authorization) {
        super(engine, Optional.empty(), config);
        if (!usersPath.startsWith("/") || usersPath.endsWith("/")) {
            throw new IllegalArgumentException("usersPath must start with / and not end with one: " + usersPath);
        }
        this.usersPath = usersPath;
        this.authorization = Objects.requireNonNull(authorization, "authorization");
    }

    @Override
    void filter(Wiring w, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = Requests.path(request);
        if (!path.startsWith(usersPath + "/")) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> admin = authorization.administrator(request);
        if (admin.isEmpty()) {
            Answers.json(response, HttpServletResponse.SC_FORBIDDEN, "{\"error\":\"forbidden\"}");
            return;
        }
        Matcher route = ROUTE.matcher(path.substring(usersPath.length()));
        if (!route.matches()) {
            Answers.status(response, HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String user = route.group(1);
        String list = usersPath + "/" + URLEncoder.encode(user, StandardCharsets.UTF_8).replace("+", "%20") + "/sessions";
        SessionAdmin sessions = w.engine.admin();
        if (route.group(2).equals("sessions")) {
            if (!"GET".equals(request.getMethod())) {
                Answers.methodNotAllowed(response, "GET");
                return;
            }
            String json;
            try {
                json = DeviceList.json(sessions.sessionsOf(user), sessions.apiClientsOf(user), Optional.empty());
            } catch (StoreException e) {
                Answers.unavailable(response, w.config.retryAfter());
                return;
            }
            Answers.json(response, HttpServletResponse.SC_OK, json);
            return;
        }
        if (!admitsStateChange(w, request, response)) {
            return;
        }
        LogoutEvent.Admin by = new LogoutEvent.Admin(admin.get(), reason(request));
        boolean json = Requests.wantsJson(request, w.config);
        if (route.group(3) != null) {
            RevokeResult result = sessions.revokeSession(user, route.group(3), by, Requests.device(request));
            switch (result) {
                case REVOKED, REVOKED_CURRENT -> Answers.done(request, response, json, list);
                case NOT_FOUND -> Answers.status(response, HttpServletResponse.SC_NOT_FOUND);
                default -> Answers.unavailable(response, w.config.retryAfter());
            }
            return;
        }
        LogoutOutcome outcome = sessions.endAllSessions(user, by, Requests.device(request));
        if (outcome.serverSideFailed()) {
            Answers.unavailable(response, w.config.retryAfter());
        } else {
            Answers.done(request, response, json, list);
        }
    }

    /** The stated {@code reason}, capped; "admin endpoint" when none. */
    private static String reason(HttpServletRequest request) {
        String reason;
        try {
            reason = request.getParameter("reason");
        } catch (RuntimeException e) {
            reason = null;
        }
        if (reason == null || reason.isBlank()) {
            return "admin endpoint";
        }
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    }
}
