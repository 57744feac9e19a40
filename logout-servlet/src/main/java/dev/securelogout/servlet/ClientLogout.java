package dev.securelogout.servlet;

import dev.securelogout.core.ClientInstructions;
import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutOutcome;
import dev.securelogout.core.LogoutRequest;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.spi.AccessTokenVerifier;
import dev.securelogout.core.token.AccessTokenClaims;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs out the device that sent a request, with whatever it presents (session cookie, remember-me
 * cookie, bearer access token), and answers as every logout answers: a browser gets the same
 * status, headers and cookies whether or not anything was valid and whether or not the stores
 * were reachable (its cookies are cleared; this node refuses and retries what a store did not
 * take); an API client gets 503 when a server-side step failed. Immutable and thread-safe.
 */
final class ClientLogout {

    private static final Logger LOG = LoggerFactory.getLogger(ClientLogout.class);

    private final LogoutEngine engine;
    private final Optional<AccessTokenVerifier> verifier;
    private final LogoutConfig config;

    ClientLogout(LogoutEngine engine, Optional<AccessTokenVerifier> verifier, LogoutConfig config) {
        this.engine = engine;
        this.verifier = verifier;
        this.config = config;
    }

    /** Ends what the request presents, its session cookie included, and writes the logout answer. */
    void run(HttpServletRequest request, HttpServletResponse response) {
        LogoutRequest logout = LogoutRequest.from(Requests.device(request));
        run(request, response, Requests.cookie(request, engine.sessionCookie().name()).map(logout::withSessionId).orElse(logout));
    }

    /** Ends the session the request was already admitted with, and what else it presents. */
    void run(HttpServletRequest request, HttpServletResponse response, Session admitted) {
        run(request, response, LogoutRequest.from(Requests.device(request)).withSession(admitted));
    }

    private void run(HttpServletRequest request, HttpServletResponse response, LogoutRequest session) {
        LogoutRequest withRememberMe = Requests.cookie(request, engine.rememberMeCookie().name())
                .map(session::withRememberMe).orElse(session);
        LogoutRequest logout = refreshToken(request).map(withRememberMe::withRefreshToken).orElse(withRememberMe);
        Optional<AccessTokenClaims> claims = accessToken(request);
        LogoutOutcome outcome = engine.logout(claims.map(logout::withAccessToken).orElse(logout));
        Answers.instruct(request, response, outcome.client());
        boolean json = Requests.wantsJson(request, config);
        if (json && outcome.serverSideFailed()) {
            Answers.unavailable(response, config.retryAfter());
        } else {
            Answers.done(request, response, json, outcome.redirectTo());
        }
    }

    /**
     * The last resort when the engine itself failed: the very instructions every logout carries,
     * then 204 or 303 to the logout redirect. The client is logged out of what it holds even then.
     */
    void fallback(HttpServletRequest request, HttpServletResponse response) {
        ClientInstructions instructions = engine.clientInstructions();
        Answers.instruct(request, response, instructions);
        Answers.done(request, response, Requests.wantsJson(request, config), instructions.redirectTo());
    }

    /** The verified claims of the request's bearer token, when a verifier is configured and it verifies. */
    /** The refresh token of the form field, else of the cookie; empty when neither is there. */
    private static Optional<String> refreshToken(HttpServletRequest request) {
        @Nullable String field;
        try {
            field = "POST".equals(request.getMethod()) ? request.getParameter(LogoutFilter.REFRESH_TOKEN_PARAMETER) : null;
        } catch (RuntimeException e) {
            field = null;
        }
        return field != null && !field.isEmpty() && field.length() <= Requests.MAX_TOKEN ? Optional.of(field)
                : Requests.cookie(request, LogoutFilter.REFRESH_TOKEN_COOKIE);
    }

    private Optional<AccessTokenClaims> accessToken(HttpServletRequest request) {
        if (verifier.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> token = Requests.bearer(request);
        try {
            return token.flatMap(verifier.get()::verify);
        } catch (RuntimeException e) {
            LOG.warn("access-token verifier failed during logout with {}; the token is not denylisted", e.getClass().getName());
            return Optional.empty();
        }
    }
}
