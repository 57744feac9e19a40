package dev.securelogout.servlet;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutOutcome;
import dev.securelogout.core.LogoutRequest;
import dev.securelogout.core.cookie.ClearSiteData;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.spi.AccessTokenVerifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs out the client that sent a request, with whatever it presents (session cookie, remember-me
 * cookie, bearer access token), and answers as every logout answers: the same status, headers and
 * cookies whether or not anything was valid and whether or not the stores were reachable.
 * Immutable and thread-safe.
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

    /** Ends what the request presents and writes the logout answer. */
    void run(HttpServletRequest request, HttpServletResponse response) {
        LogoutRequest logout = LogoutRequest.from(Requests.device(request))
                .withSessionId(Requests.cookie(request, engine.sessionCookie().name()).orElse(null))
                .withRememberMe(Requests.cookie(request, engine.rememberMeCookie().name()).orElse(null));
        Optional<AccessTokenClaims> claims = accessToken(request);
        if (claims.isPresent()) {
            logout = logout.withAccessToken(claims.get());
        }
        LogoutOutcome outcome = engine.logout(logout);
        answer(request, response, outcome);
    }

    /** The logout answer for {@code outcome}: the client cleared, then 204 or 303 to its redirect. */
    void answer(HttpServletRequest request, HttpServletResponse response, LogoutOutcome outcome) {
        Answers.clearClient(request, response, outcome);
        Answers.done(request, response, Requests.wantsJson(request, config), outcome.redirectTo());
    }

    /**
     * The last resort when the engine itself failed: the session and remember-me cookies cleared,
     * {@code Clear-Site-Data: "cookies", "storage"} for everything else, 204 or 303 to the login
     * path. The client is logged out of what it holds even then.
     */
    void fallback(HttpServletRequest request, HttpServletResponse response) {
        Answers.clearClient(request, response,
                List.of(engine.sessionCookie().clearing(), engine.rememberMeCookie().clearing()),
                EnumSet.of(ClearSiteData.COOKIES, ClearSiteData.STORAGE));
        Answers.done(request, response, Requests.wantsJson(request, config), config.loginPath());
    }

    /** The verified claims of the request's bearer token, when a verifier is configured and it verifies. */
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
