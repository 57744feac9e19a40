package dev.securelogout.servlet;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutOutcome;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.spi.AccessTokenVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The token revocation endpoint of RFC 7009: it answers requests to {@code revocation-path}
 * ({@code /oauth/revoke} by default) and passes every other request on. {@code POST} with the form parameters {@code token} and optionally
 * {@code token_type_hint}.
 *
 * <p>The token is tried as a refresh token (its whole family is revoked) and, when a verifier is
 * configured, as an access token (denylisted until its expiry); the hint is accepted and not
 * needed. An unknown, expired, already revoked or garbage token: 200, as §2.2 says, so the answer
 * tells nothing about the token. {@code token} missing or repeated, or a body that cannot be read:
 * 400 {@code {"error":"invalid_request"}}. A store that cannot answer: 503 with
 * {@code Retry-After} (§2.2.1: the client must assume the token still lives and retry). Other
 * methods: 405 with {@code Allow: POST}.
 *
 * <p><b>Client authentication.</b> None: possessing a token is the proof needed to revoke it, and
 * revoking is all anyone can do with it here (RFC 7009 §5 on public clients); this serves the
 * application's own first-party clients, browser or native. Instead the same cross-site rule as
 * every state change applies ({@link CrossSiteRule}): a cross-site browser request is 403.
 * Thread-safe.
 */
public final class TokenRevocationFilter extends EngineFilter {

    private static final String INVALID_REQUEST = "{\"error\":\"invalid_request\"}";

    /** For the container: engine (and verifier, when present) from the {@code ServletContext}, the configuration from init-params. */
    public TokenRevocationFilter() {
    }

    /**
     * Programmatic, revoking refresh tokens only.
     *
     * @param engine the logout engine
     * @param config the adapter's configuration
     */
    public TokenRevocationFilter(LogoutEngine engine, LogoutConfig config) {
        super(engine, Optional.empty(), config);
    }

    /**
     * Programmatic, revoking refresh and access tokens.
     *
     * @param engine the logout engine
     * @param verifier the access-token verifier
     * @param config the adapter's configuration
     */
    public TokenRevocationFilter(LogoutEngine engine, AccessTokenVerifier verifier, LogoutConfig config) {
        super(engine, Optional.of(verifier), config);
    }

    @Override
    void filter(Wiring w, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!Requests.path(request).equals(w.config.revocationPath())) {
            chain.doFilter(request, response);
            return;
        }
        if (!admitsStateChange(w, request, response)) {
            return;
        }
        String[] tokens;
        try {
            tokens = request.getParameterValues("token");
        } catch (RuntimeException e) {
            tokens = null;
        }
        if (tokens == null || tokens.length != 1 || tokens[0].isEmpty()) {
            Answers.json(response, HttpServletResponse.SC_BAD_REQUEST, INVALID_REQUEST);
            return;
        }
        String token = tokens[0];
        Optional<AccessTokenClaims> claims = token.length() > Requests.MAX_TOKEN
                ? Optional.empty()
                : w.verifier.flatMap(v -> v.verify(token));
        LogoutOutcome outcome = w.engine.revokeToken(token, claims, Requests.device(request));
        if (outcome.serverSideFailed()) {
            Answers.unavailable(response, w.config.retryAfter());
        } else {
            Answers.status(response, HttpServletResponse.SC_OK);
        }
    }
}
