package dev.securelogout.examples.api;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutRequest;
import dev.securelogout.core.credential.Credential;
import dev.securelogout.examples.web.Http;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code POST /oauth/revoke}, RFC 7009: form {@code token} (a refresh token or an access token;
 * {@code token_type_hint} is accepted and not needed). Revokes it and answers 200, also for a token
 * that is unknown, invalid or already revoked, so the answer tells nothing; no {@code token} is
 * 400 {@code invalid_request}. Thread-safe.
 */
public final class RevocationServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient LogoutEngine engine;
    private final transient AccessTokens accessTokens;

    /** The endpoint over {@code engine} and {@code accessTokens}. */
    public RevocationServlet(LogoutEngine engine, AccessTokens accessTokens) {
        this.engine = engine;
        this.accessTokens = accessTokens;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = Http.param(request, "token");
        if (token.isEmpty()) {
            Http.error(response, HttpServletResponse.SC_BAD_REQUEST, "invalid_request");
            return;
        }
        LogoutRequest revoke = LogoutRequest.from(Http.device(request));
        if (Credential.parse(token).isPresent()) {
            engine.logout(revoke.withRefreshToken(token));
        } else {
            accessTokens.verify(token).ifPresent(claims -> engine.logout(revoke.withAccessToken(claims)));
        }
        response.setStatus(HttpServletResponse.SC_OK);
    }
}
