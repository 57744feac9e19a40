package dev.securelogout.servlet;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.spi.AccessTokenVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The logout endpoint: it answers requests to {@code logout-path} ({@code /logout} by default) and
 * passes every other request on, so it may be mapped to that path or to {@code /*}.
 *
 * <ul>
 * <li>Any method but {@code POST}: 405 with {@code Allow: POST}; nothing changes.</li>
 * <li>A cross-site request ({@link CrossSiteRule}: {@code Sec-Fetch-Site: cross-site}, a foreign
 *     or {@code null} {@code Origin}): 403; nothing changes.</li>
 * <li>Otherwise the engine ends the device of the session cookie (its session, the sessions
 *     restored from its remember-me series, that series), the series of the remember-me cookie
 *     and, when a verifier is configured, denylists the bearer access token; a refresh token
 *     presented in the form field {@value #REFRESH_TOKEN_PARAMETER} or the cookie
 *     {@value #REFRESH_TOKEN_COOKIE} is revoked with its family (and the access tokens minted from
 *     it), so an app that keeps one beside the session loses both at once; the container's
 *     {@code HttpSession} is invalidated and its session cookie ({@code JSESSIONID} or the configured name) deleted; the answer carries the engine's client instructions
 *     (every clearing {@code Set-Cookie}, {@code Clear-Site-Data}) and {@code Cache-Control:
 *     no-store}, then 303 to the engine's logout redirect (inside this context), or 204 for an API
 *     client (503 with {@code Retry-After} when {@code LogoutOutcome.serverSideFailed()}).</li>
 * </ul>
 *
 * No session, an expired, forged or garbage one, a store that is down: the same answer to a
 * browser, to the header. Even when the engine itself fails, the very same client instructions
 * ({@code LogoutEngine.clientInstructions()}) are sent and no 500. Configured by {@link LogoutConfig} ({@code api-paths}, {@code allowed-origins});
 * the engine and verifier are given or found under {@link SecureLogout#ENGINE_ATTRIBUTE} and
 * {@link SecureLogout#VERIFIER_ATTRIBUTE}. Thread-safe.
 */
public final class LogoutFilter extends EngineFilter {

    /** The form field of a refresh token revoked with the session. */
    public static final String REFRESH_TOKEN_PARAMETER = "refresh_token";
    /** The cookie of a refresh token revoked with the session, for an app that keeps one there. */
    public static final String REFRESH_TOKEN_COOKIE = "__Host-refresh";

    /** For the container: the engine from the {@code ServletContext}, the configuration from init-params. */
    public LogoutFilter() {
    }

    /**
     * Programmatic, for session-cookie logins.
     *
     * @param engine the logout engine
     * @param config the adapter's configuration
     */
    public LogoutFilter(LogoutEngine engine, LogoutConfig config) {
        super(engine, Optional.empty(), config);
    }

    /**
     * Programmatic, also denylisting the bearer access token a client logs out with.
     *
     * @param engine the logout engine
     * @param verifier the access-token verifier
     * @param config the adapter's configuration
     */
    public LogoutFilter(LogoutEngine engine, AccessTokenVerifier verifier, LogoutConfig config) {
        super(engine, Optional.of(verifier), config);
    }

    @Override
    void filter(Wiring w, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!Requests.path(request).equals(w.config.logoutPath())) {
            chain.doFilter(request, response);
        } else if (admitsStateChange(w, request, response)) {
            w.logout.run(request, response);
        }
    }

    @Override
    void failed(Wiring w, HttpServletRequest request, HttpServletResponse response) {
        w.logout.fallback(request, response);
    }
}
