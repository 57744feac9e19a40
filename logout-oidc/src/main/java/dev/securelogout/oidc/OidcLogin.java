package dev.securelogout.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.servlet.AdapterSupport;
import dev.securelogout.servlet.SecureLogout;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a user in through the provider: the authorization-code flow with PKCE (S256), {@code state}
 * and {@code nonce}, the client authenticated with its secret (HTTP Basic).
 *
 * <ul>
 * <li>{@link #start}: a fresh state, nonce and code verifier kept in the container's
 *     {@code HttpSession} (for {@value #PENDING_LIFETIME_MINUTES} minutes), then 303 to the
 *     provider's authorization endpoint.</li>
 * <li>{@link #finish}: the callback. The {@code state} must be the pending one (compared in
 *     constant time, used once), the {@code iss} parameter, when sent, the provider's; the code is
 *     exchanged with the verifier; the ID token is validated (signature from the provider's JWKS,
 *     {@code iss}, {@code aud}, {@code exp}, {@code iat}, the {@code nonce}). Then the library
 *     session starts for the user id {@code sub}, from the provider session {@code sid}
 *     ({@link SecureLogout#login(LogoutEngine, HttpServletRequest, HttpServletResponse, String, ProviderSession)}),
 *     the ID token is kept in the {@code HttpSession} bound to it, for the RP-initiated logout
 *     ({@link ProviderLogoutFilter}), never handed to the browser; 303 to the landing path.</li>
 * </ul>
 * A callback that fails any check: 400, a short page, no session. The provider unreachable: 503. A
 * store that cannot start the session: 503. Thread-safe.
 */
public final class OidcLogin {

    /** The {@code HttpSession} attribute holding the signed-in session's ID token (read-only). */
    public static final String ID_TOKEN_ATTRIBUTE = "dev.securelogout.oidc.idToken";
    /** How long a started sign-in may take, in minutes. */
    public static final int PENDING_LIFETIME_MINUTES = 10;

    private static final String PENDING_ATTRIBUTE = "dev.securelogout.oidc.pending";
    private static final Logger LOG = LoggerFactory.getLogger(OidcLogin.class);

    private final OidcClient client;
    private final LogoutEngine engine;
    private final String landingPath;

    /** What a started sign-in must come back with. */
    private record Pending(String state, String nonce, String verifier, Instant startedAt) implements Serializable {
    }

    /**
     * Signs users in at {@code client}'s provider into {@code engine}'s sessions, then sends them to {@code landingPath}.
     *
     * @param client      the client at the provider
     * @param engine      the engine that starts the sessions
     * @param landingPath where the browser goes after sign-in, inside this context
     */
    public OidcLogin(OidcClient client, LogoutEngine engine, String landingPath) {
        this.client = Objects.requireNonNull(client, "client");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.landingPath = Objects.requireNonNull(landingPath, "landingPath");
    }

    /**
     * Starts a sign-in: 303 to the provider (503 when it cannot be discovered).
     *
     * @param request  the browser's request
     * @param response its answer
     * @throws IOException when the answer cannot be written
     */
    public void start(HttpServletRequest request, HttpServletResponse response) throws IOException {
        URI authorization;
        try {
            authorization = client.provider().metadata().getAuthorizationEndpointURI();
        } catch (ProviderUnavailableException e) {
            page(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The sign-in service cannot be reached. Try again in a moment.");
            return;
        }
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        request.getSession(true).setAttribute(PENDING_ATTRIBUTE,
                new Pending(state.getValue(), nonce.getValue(), verifier.getValue(), client.clock().instant()));
        URI target = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"), new ClientID(client.clientId()),
                client.redirectUri())
                .endpointURI(authorization)
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build()
                .toURI();
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Location", target.toString());
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    }

    /**
     * Finishes a sign-in at the callback.
     *
     * @param request  the provider's redirect of the browser
     * @param response its answer
     * @throws IOException when the answer cannot be written
     */
    public void finish(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        Optional<Pending> pending = takePending(request);
        String state = request.getParameter("state");
        String code = request.getParameter("code");
        String iss = request.getParameter("iss");
        if (pending.isEmpty() || state == null || code == null || code.length() > 2048
                || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), pending.get().state().getBytes(StandardCharsets.UTF_8))
                || iss != null && !iss.equals(client.issuer())) {
            LOG.debug("OpenID Connect callback refused: no matching sign-in, or an error from the provider");
            failed(response);
            return;
        }
        IDTokenClaimsSet claims;
        JWT idToken;
        try {
            idToken = exchange(code, pending.get());
            claims = validator().validate(idToken, new Nonce(pending.get().nonce()));
        } catch (ProviderUnavailableException | IOException e) {
            LOG.warn("OpenID Connect sign-in unavailable: {}", e.getClass().getSimpleName());
            page(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The sign-in service cannot be reached. Try again in a moment.");
            return;
        } catch (BadJOSEException | JOSEException | ParseException | RejectedException e) {
            LOG.info("OpenID Connect sign-in refused: {}", e.getClass().getSimpleName());
            failed(response);
            return;
        }
        String subject = claims.getSubject().getValue();
        Optional<String> sid = Optional.ofNullable(claims.getStringClaim("sid")).filter(s -> !s.isEmpty());
        if (subject.length() > ProviderSession.MAX_LENGTH || sid.map(String::length).orElse(0) > ProviderSession.MAX_LENGTH) {
            failed(response);
            return;
        }
        try {
            NewSession session = sid.isPresent()
                    ? SecureLogout.login(engine, request, response, subject, new ProviderSession(client.issuer(), sid.get()))
                    : SecureLogout.login(engine, request, response, subject);
            request.getSession(true).setAttribute(ID_TOKEN_ATTRIBUTE, idToken.serialize());
            LOG.debug("signed in through the provider, device {}", session.session().handle());
        } catch (RuntimeException e) {
            LOG.warn("OpenID Connect sign-in could not start a session: {}", e.toString());
            page(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Signing in is not possible right now. Try again in a moment.");
            return;
        }
        AdapterSupport.redirect(request, response, landingPath);
    }

    /** The pending sign-in of this browser, removed (a state is used once), if it is not too old. */
    private Optional<Pending> takePending(HttpServletRequest request) {
        HttpSession http = request.getSession(false);
        if (http == null) {
            return Optional.empty();
        }
        try {
            Object value = http.getAttribute(PENDING_ATTRIBUTE);
            http.removeAttribute(PENDING_ATTRIBUTE);
            return value instanceof Pending p
                    && p.startedAt().plus(Duration.ofMinutes(PENDING_LIFETIME_MINUTES)).isAfter(client.clock().instant())
                    ? Optional.of(p) : Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** The ID token the provider gives for {@code code}. */
    private JWT exchange(String code, Pending pending) throws IOException, ParseException, RejectedException {
        TokenRequest token = new TokenRequest.Builder(client.provider().metadata().getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID(client.clientId()), new Secret(client.clientSecret())),
                new AuthorizationCodeGrant(new AuthorizationCode(code), client.redirectUri(), new CodeVerifier(pending.verifier())))
                .build();
        HTTPRequest http = token.toHTTPRequest();
        http.setConnectTimeout(OidcClient.TIMEOUT_MILLIS);
        http.setReadTimeout(OidcClient.TIMEOUT_MILLIS);
        TokenResponse answer = OIDCTokenResponseParser.parse(http.send());
        if (!answer.indicatesSuccess()) {
            throw new RejectedException();
        }
        JWT idToken = ((OIDCTokenResponse) answer.toSuccessResponse()).getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw new RejectedException();
        }
        return idToken;
    }

    private IDTokenValidator validator() {
        IDTokenValidator validator = new IDTokenValidator(new Issuer(client.issuer()), new ClientID(client.clientId()),
                client.provider().jwks().keySelector(Set.of(client.signingAlgorithm())), null);
        validator.setMaxClockSkew((int) LogoutTokenValidator.CLOCK_SKEW.toSeconds());
        return validator;
    }

    private static void failed(HttpServletResponse response) throws IOException {
        page(response, HttpServletResponse.SC_BAD_REQUEST, "The sign-in did not complete. Start again from the sign-in page.");
    }

    private static void page(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("<!doctype html><title>Sign in</title><p>" + message + "</p><p><a href=\"/login\">Sign in</a></p>");
    }

    /** The provider refused the code exchange, or its answer lacked an ID token. */
    private static final class RejectedException extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
