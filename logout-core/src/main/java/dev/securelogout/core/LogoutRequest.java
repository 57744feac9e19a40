package dev.securelogout.core;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.token.AccessTokenClaims;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client presented when it asked to log out. Every credential is optional: a logout without
 * any, or with garbage, is answered like any other. Raw values that do not parse as credentials
 * are dropped on construction; {@link #toString()} reveals none.
 *
 * @param sessionKey   the key of the session to end: from the session cookie, or of the session
 *                     an adapter already admitted the request with
 * @param rememberMe   the remember-me token from its cookie
 * @param refreshToken a refresh token presented with the logout
 * @param accessToken  the verified claims of the access token presented with the logout
 * @param client       who asked
 */
public record LogoutRequest(Optional<CredentialKey> sessionKey, Optional<Credential> rememberMe,
                            Optional<Credential> refreshToken, Optional<AccessTokenClaims> accessToken,
                            Device client) {

    /**
     * Checks presence.
     *
     * @param sessionKey the session key
     * @param rememberMe the remember me
     * @param refreshToken the refresh token
     * @param accessToken the access token
     * @param client the client
     */
    public LogoutRequest {
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(rememberMe, "rememberMe");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(client, "client");
    }

    /**
     * A request from {@code client} that presents nothing yet.
     *
     * @param client the client
     * @return a request from {@code client} that presents nothing yet
     */
    public static LogoutRequest from(Device client) {
        return new LogoutRequest(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), client);
    }

    /**
     * With the raw session id from the cookie; garbage presents none (a request without one simply does not call this).
     *
     * @param raw the raw value
     * @return the logout request
     * @throws NullPointerException if {@code raw} is null
     */
    public LogoutRequest withSessionId(String raw) {
        return new LogoutRequest(Credential.parse(Objects.requireNonNull(raw, "raw")).map(Credential::key), rememberMe, refreshToken, accessToken, client);
    }

    /**
     * With the session the adapter already admitted the request with (no need to read its cookie again).
     *
     * @param admitted the admitted
     * @return the logout request
     */
    public LogoutRequest withSession(Session admitted) {
        return new LogoutRequest(Optional.of(admitted.key()), rememberMe, refreshToken, accessToken, client);
    }

    /**
     * With the raw remember-me token from its cookie; garbage presents none (a request without one simply does not call this).
     *
     * @param raw the raw value
     * @return the logout request
     * @throws NullPointerException if {@code raw} is null
     */
    public LogoutRequest withRememberMe(String raw) {
        return new LogoutRequest(sessionKey, Credential.parse(Objects.requireNonNull(raw, "raw")), refreshToken, accessToken, client);
    }

    /**
     * With a raw refresh token; garbage presents none (a request without one simply does not call this).
     *
     * @param raw the raw value
     * @return the logout request
     * @throws NullPointerException if {@code raw} is null
     */
    public LogoutRequest withRefreshToken(String raw) {
        return new LogoutRequest(sessionKey, rememberMe, Credential.parse(Objects.requireNonNull(raw, "raw")), accessToken, client);
    }

    /**
     * With the verified claims of the access token used for the request.
     *
     * @param claims the token's claims
     * @return the logout request
     */
    public LogoutRequest withAccessToken(AccessTokenClaims claims) {
        return new LogoutRequest(sessionKey, rememberMe, refreshToken, Optional.of(claims), client);
    }
}
