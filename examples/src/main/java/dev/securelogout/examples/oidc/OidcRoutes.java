package dev.securelogout.examples.oidc;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.spi.AccessTokenVerifier;
import dev.securelogout.oidc.BackChannelLogout;
import dev.securelogout.oidc.BackChannelLogoutServlet;
import dev.securelogout.oidc.LogoutTokenValidator;
import dev.securelogout.oidc.OidcClient;
import dev.securelogout.oidc.OidcLogin;
import dev.securelogout.oidc.OidcLoginServlet;
import dev.securelogout.oidc.ProviderAccessTokens;
import dev.securelogout.oidc.ProviderLogoutFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.SessionHandler;

/**
 * The example's OpenID Connect routes, over logout-oidc, when {@link OidcSettings} are given:
 * {@code GET /login/oidc} and {@code GET /login/oidc/callback} (sign-in, then home),
 * {@code POST /oidc/backchannel-logout} (the provider's back-channel logout), and a filter in
 * front of the logout filter on {@code /logout} that sends a provider session's browser on to the
 * provider's end-session endpoint, back to {@code /login?logout}. The bearer guard also accepts
 * the provider's access tokens for this client. Immutable.
 *
 * @param servlets the servlets by path
 * @param logout   the RP-initiated logout filter, to map on {@code /logout} before the logout filter
 * @param client   the provider's client
 */
public record OidcRoutes(Map<String, HttpServlet> servlets, Filter logout, OidcClient client) {

    /** Where the provider sends the browser back after sign-in. */
    public static final String CALLBACK_PATH = "/login/oidc/callback";
    /** The back-channel logout URL to register at the provider. */
    public static final String BACKCHANNEL_PATH = "/oidc/backchannel-logout";

    /**
     * The routes of the app at {@code appUrl} for the provider of {@code settings}, over {@code engine};
     * after sign-in the browser goes to {@code landingPath}, after logout to {@code logoutRedirect}.
     *
     * @param settings       the provider and the client
     * @param appUrl         the app's own URL
     * @param engine         the app's engine
     * @param landingPath    the path after sign-in
     * @param logoutRedirect the path after logout, the provider's post-logout redirect
     * @return the routes
     */
    public static OidcRoutes of(OidcSettings settings, URI appUrl, LogoutEngine engine, String landingPath, String logoutRedirect) {
        OidcClient client = OidcClient.builder(settings.issuer(), settings.clientId(), settings.clientSecret())
                .redirectUri(appUrl.resolve(CALLBACK_PATH))
                .postLogoutRedirectUris(List.of(appUrl.resolve(logoutRedirect)))
                .build();
        OidcLogin login = new OidcLogin(client, engine, landingPath);
        return new OidcRoutes(Map.of(
                "/login/oidc", OidcLoginServlet.start(login),
                CALLBACK_PATH, OidcLoginServlet.callback(login),
                BACKCHANNEL_PATH, new BackChannelLogoutServlet(new BackChannelLogout(engine, new LogoutTokenValidator(client)))),
                new ProviderLogoutFilter(engine, client, "/logout"), client);
    }

    /**
     * The container sessions that keep a sign-in's {@code state}, {@code nonce} and PKCE verifier
     * until the callback, then the ID token for the RP-initiated logout: cookie {@code JSESSIONID},
     * HttpOnly, Secure, SameSite=Lax (the callback is a top-level navigation from the provider).
     *
     * @return a new session handler
     */
    public static SessionHandler sessionHandler() {
        SessionHandler sessions = new SessionHandler();
        sessions.getSessionCookieConfig().setHttpOnly(true);
        sessions.getSessionCookieConfig().setSecure(true);
        sessions.getSessionCookieConfig().setAttribute("SameSite", "Lax");
        return sessions;
    }

    /**
     * {@code own}, and else the provider's access tokens for this client.
     *
     * @param own the app's own verifier
     * @return a verifier that asks {@code own} first
     */
    public AccessTokenVerifier alsoAcceptingProviderTokens(AccessTokenVerifier own) {
        AccessTokenVerifier provider = new ProviderAccessTokens(client);
        return token -> own.verify(token).or(() -> provider.verify(token));
    }
}
