package dev.securelogout.servlet;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutOutcome;
import dev.securelogout.core.ReauthenticationRequiredException;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.session.Session;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A user's own sessions: the list, revoking one, logging out everywhere. Map it over the paths of
 * {@code sessions-path} and {@code logout-everywhere-path} (e.g. {@code /account/*}); other
 * requests pass on. Each endpoint needs an active session: it uses the one the
 * {@link SessionGuardFilter} admitted, or checks it the same way itself.
 *
 * <ul>
 * <li>{@code GET <sessions-path>}: {@code [{"id", "current", "createdAt", "lastActiveAt",
 *     "browser", "os", "ip", "apiClient", "lastSeenIp"}]}, the sessions most recently active first, then the API
 *     clients (refresh-token families, {@code "apiClient": true}); {@code id} is the session's public
 *     handle or the client's family id, never a secret. Other methods: 405.</li>
 * <li>{@code POST <sessions-path>/<handle>/revoke}: ends that session or API client (its refresh
 *     family and the access tokens minted from it, at once) when it is the user's own:
 *     204, or 303 to {@code account-page}; a handle of another user's session, or of none: 404,
 *     and nothing changes. Revoking the current session is a logout and answers like
 *     {@link LogoutFilter} (this device's remember-me series ends too).</li>
 * <li>{@code POST <logout-everywhere-path>} with {@code keepCurrent=true|false} (query or form,
 *     false by default; anything else: 400): ends every other session and token of the user, the
 *     current one too unless kept. When the current one ends the answer is the logout answer;
 *     otherwise 204 or 303 to {@code account-page}.</li>
 * </ul>
 *
 * Every state change is {@code POST} only (405 with {@code Allow: POST}) and refused cross-site
 * (403, see {@link CrossSiteRule}) before anything else happens. When a store cannot answer: 503
 * with {@code Retry-After}; a logout everywhere that could not reach every store is a 503 too
 * (never read as done), though the client's own cookies are cleared when its session was to end.
 * Thread-safe.
 */
public final class SessionEndpointsFilter extends EngineFilter {

    /** A session handle: 22 base64url characters. */
    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final String REVOKE = "/revoke";

    /** For the container: the engine from the {@code ServletContext}, the configuration from init-params. */
    public SessionEndpointsFilter() {
    }

    /**
     * Programmatic.
     *
     * @param engine the logout engine
     * @param config the adapter's configuration
     */
    public SessionEndpointsFilter(LogoutEngine engine, LogoutConfig config) {
        super(engine, Optional.empty(), config);
    }

    @Override
    void filter(Wiring w, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = Requests.path(request);
        String sessions = w.config.sessionsPath();
        if (path.equals(sessions)) {
            if (!"GET".equals(request.getMethod())) {
                Answers.methodNotAllowed(response, "GET");
                return;
            }
            Optional<Session> current = w.guard.admit(request, response);
            if (current.isPresent()) {
                list(w, current.get(), response);
            }
        } else if (path.equals(w.config.logoutEverywherePath())) {
            Optional<Session> current = stateChange(w, request, response);
            if (current.isPresent()) {
                logoutEverywhere(w, current.get(), request, response);
            }
        } else if (path.startsWith(sessions + "/") && path.endsWith(REVOKE)) {
            Optional<Session> current = stateChange(w, request, response);
            if (current.isPresent()) {
                revoke(w, current.get(), path.substring(sessions.length() + 1, path.length() - REVOKE.length()), request, response);
            }
        } else {
            chain.doFilter(request, response);
        }
    }

    /** The session of an admitted state change; empty once a refusal (405, 403, 401/303, 503) is written. */
    private static Optional<Session> stateChange(Wiring w, HttpServletRequest request, HttpServletResponse response) {
        return admitsStateChange(w, request, response) ? w.guard.admit(request, response) : Optional.empty();
    }

    private static void list(Wiring w, Session current, HttpServletResponse response) throws IOException {
        String json;
        try {
            json = DeviceList.json(w.engine.sessionsOf(current), w.engine.apiClientsOf(current), Optional.of(current.handle()));
        } catch (StoreException e) {
            Answers.unavailable(response, w.config.retryAfter());
            return;
        }
        Answers.json(response, HttpServletResponse.SC_OK, json);
    }

    private static void logoutEverywhere(Wiring w, Session current, HttpServletRequest request, HttpServletResponse response) {
        Optional<Boolean> keep = keepCurrent(request);
        if (keep.isEmpty()) {
            Answers.status(response, HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        LogoutOutcome outcome;
        try {
            outcome = w.engine.logoutEverywhere(current, keep.get(), Requests.device(request));
        } catch (ReauthenticationRequiredException e) {
            reauthenticationRequired(response);
            return;
        }
        Answers.instruct(request, response, outcome.client());
        Answers.after(request, response, w.config, outcome, outcome.clearsClient() ? outcome.redirectTo() : w.config.accountPage());
    }

    /** The {@code keepCurrent} parameter: false when absent, empty when not exactly one true or false. */
    private static Optional<Boolean> keepCurrent(HttpServletRequest request) {
        String[] values;
        try {
            values = request.getParameterValues("keepCurrent");
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (values == null) {
            return Optional.of(false);
        }
        if (values.length != 1 || !(values[0].equalsIgnoreCase("true") || values[0].equalsIgnoreCase("false"))) {
            return Optional.empty();
        }
        return Optional.of(Boolean.parseBoolean(values[0]));
    }

    private static void revoke(Wiring w, Session current, String handle, HttpServletRequest request, HttpServletResponse response) {
        if (!HANDLE.matcher(handle).matches()) {
            Answers.status(response, HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (handle.equals(current.handle())) {
            w.logout.run(request, response, current);
            return;
        }
        switch (w.engine.revokeSession(current, handle, Requests.device(request))) {
            case REVOKED:
                Answers.done(request, response, Requests.wantsJson(request, w.config), w.config.accountPage());
                break;
            case REVOKED_CURRENT:
                w.logout.run(request, response, current);
                break;
            case NOT_FOUND:
                Answers.status(response, HttpServletResponse.SC_NOT_FOUND);
                break;
            case REAUTHENTICATION_REQUIRED:
                reauthenticationRequired(response);
                break;
            default:
                Answers.unavailable(response, w.config.retryAfter());
        }
    }

    /** 403 {@code {"error":"reauthentication_required"}}: the change needs a recent authentication; nothing changed. */
    private static void reauthenticationRequired(HttpServletResponse response) {
        try {
            Answers.json(response, HttpServletResponse.SC_FORBIDDEN, "{\"error\":\"reauthentication_required\"}");
        } catch (IOException e) {
            Answers.status(response, HttpServletResponse.SC_FORBIDDEN);
        }
    }
}
