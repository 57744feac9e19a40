package dev.securelogout.examples.api;

import dev.securelogout.core.IssuedToken;
import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutOutcome;
import dev.securelogout.core.LogoutRequest;
import dev.securelogout.core.RefreshResult;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.examples.auth.LoginAttempts;
import dev.securelogout.examples.web.Http;
import dev.securelogout.jwt.SignedAccessToken;
import dev.securelogout.servlet.SecureLogout;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token API under {@code /api}: {@code POST /token} (JSON {@code username}, {@code password})
 * and {@code POST /token/refresh} (JSON {@code refresh_token}) answer an access and a refresh
 * token; {@code GET /me} names the bearer's user; {@code POST /logout} revokes the bearer's
 * access token and the refresh token in the body (204, whatever was presented, so it is not
 * behind the bearer guard); {@code POST /logout/everywhere} ends every session and token of the
 * bearer's user (204). {@code /me} and {@code /logout/everywhere} sit behind logout-servlet's
 * {@code BearerGuardFilter}: a missing, invalid or revoked bearer token is 401, a store that
 * cannot answer 503. Thread-safe.
 */
public final class TokenApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TokenApiServlet.class);
    private static final String BEARER = "Bearer ";

    private final transient LogoutEngine engine;
    private final transient LoginAttempts logins;
    private final transient AccessTokens accessTokens;

    /** The token API over {@code engine}, checking passwords through {@code logins}, minting with {@code accessTokens}. */
    public TokenApiServlet(LogoutEngine engine, LoginAttempts logins, AccessTokens accessTokens) {
        this.engine = engine;
        this.logins = logins;
        this.accessTokens = accessTokens;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/me".equals(request.getPathInfo())) {
            Http.error(response, HttpServletResponse.SC_NOT_FOUND, "not_found");
            return;
        }
        Http.json(response, HttpServletResponse.SC_OK, Map.of("user", bearer(request).subject()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "/token" -> token(request, response);
            case "/token/refresh" -> refresh(request, response);
            case "/logout" -> logout(request, response);
            case "/logout/everywhere" -> done(response, engine.logoutEverywhere(bearer(request).subject(), Http.device(request)));
            default -> Http.error(response, HttpServletResponse.SC_NOT_FOUND, "not_found");
        }
    }

    private void token(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Map<String, Object>> body = Http.jsonBody(request);
        if (body.isEmpty()) {
            Http.error(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request");
            return;
        }
        LoginAttempts.Result attempt = logins.attempt(Http.string(body.get(), "username").orElse(null),
                Http.string(body.get(), "password").orElse(null), request.getRemoteAddr());
        if (attempt instanceof LoginAttempts.Throttled throttled) {
            response.setHeader("Retry-After", throttled.retryAfterSeconds());
            Http.error(response, 429, "too_many_attempts");
            return;
        }
        if (!(attempt instanceof LoginAttempts.Allowed allowed)) {
            Http.error(response, HttpServletResponse.SC_UNAUTHORIZED, "invalid_grant");
            return;
        }
        try {
            respond(response, engine.issueRefreshToken(allowed.userId(), Http.device(request)));
        } catch (RuntimeException e) {
            LOG.warn("token issue unavailable: {}", e.toString());
            Http.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable");
        }
    }

    private void refresh(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> presented = Http.jsonBody(request).flatMap(body -> Http.string(body, "refresh_token"));
        if (presented.isEmpty()) {
            Http.error(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request");
            return;
        }
        RefreshResult result = engine.refresh(presented.get(), Http.device(request));
        if (result.status() == RefreshResult.Status.UNAVAILABLE) {
            Http.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable");
        } else if (result.token().isEmpty()) {
            Http.error(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_grant");
        } else {
            IssuedToken token = result.token().get();
            try {
                respond(response, token);
            } catch (RuntimeException e) {
                LOG.warn("token issue unavailable: {}", e.toString());
                Http.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable");
            }
        }
    }

    private void logout(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LogoutRequest device = LogoutRequest.from(Http.device(request));
        LogoutRequest logout = Http.jsonBody(request).flatMap(body -> Http.string(body, "refresh_token"))
                .map(device::withRefreshToken).orElse(device);
        Optional<AccessTokenClaims> claims = bearerToken(request).flatMap(accessTokens::verify);
        done(response, engine.logout(claims.map(logout::withAccessToken).orElse(logout)));
    }

    /** 204 when the change reached every store; 503 when a server-side step failed (this node still refuses and retries it). */
    private static void done(HttpServletResponse response, LogoutOutcome outcome) throws IOException {
        if (outcome.serverSideFailed()) {
            Http.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable");
        } else {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        }
    }

    private void respond(HttpServletResponse response, IssuedToken refreshToken) throws IOException {
        SignedAccessToken access = accessTokens.issue(refreshToken);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", access.value());
        body.put("refresh_token", refreshToken.token().value());
        body.put("token_type", "Bearer");
        body.put("expires_in", Duration.between(access.claims().issuedAt(), access.claims().expiresAt()).toSeconds());
        Http.json(response, HttpServletResponse.SC_OK, body);
    }

    /**
     * The claims of the live bearer token that logout-servlet's {@code BearerGuardFilter} admitted
     * the request with (it answered 401 or 503 otherwise).
     *
     * @throws IllegalStateException when the request did not pass the guard (a wiring mistake)
     */
    private static AccessTokenClaims bearer(HttpServletRequest request) {
        return SecureLogout.accessToken(request).orElseThrow(() -> new IllegalStateException("the request did not pass the bearer guard"));
    }

    private static Optional<String> bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? Optional.of(header.substring(BEARER.length()).strip()) : Optional.empty();
    }
}
