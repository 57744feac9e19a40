package dev.securelogout.servlet;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.spi.AccessTokenVerifier;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * The names this module shares with the application: where the filters find the engine and the
 * access-token verifier in the {@code ServletContext}, and where they leave the authenticated
 * session or token claims on the request; and the login that starts a session. Stateless.
 */
public final class SecureLogout {

    /**
     * The {@code ServletContext} attribute holding the {@link LogoutEngine}, for filters the
     * container creates (web.xml, annotations): set it in a {@code ServletContextListener} before
     * the filters start. A filter that finds no engine fails to start.
     */
    public static final String ENGINE_ATTRIBUTE = LogoutEngine.class.getName();

    /**
     * The {@code ServletContext} attribute holding the application's {@link AccessTokenVerifier},
     * for the bearer guard (required), the revocation endpoint and the logout filter (optional).
     */
    public static final String VERIFIER_ATTRIBUTE = AccessTokenVerifier.class.getName();

    /** The request attribute where the session guard leaves the active {@link Session}. */
    public static final String SESSION_ATTRIBUTE = "dev.securelogout.session";

    /** The request attribute where the bearer guard leaves the verified, unrevoked {@link AccessTokenClaims}. */
    public static final String CLAIMS_ATTRIBUTE = "dev.securelogout.accessToken";

    /**
     * The {@code HttpSession} attribute holding the public handle of the library session the
     * container session is bound to (see {@link #login}); read-only for the application.
     */
    public static final String BOUND_SESSION_ATTRIBUTE = "dev.securelogout.boundSession";

    private SecureLogout() {
    }

    /**
     * Signs {@code userId} in, after the application authenticated them: starts the library
     * session, writes its cookie, leaves it in the request ({@link #session} works afterwards)
     * and, when the request has an {@code HttpSession}, changes the container's session id
     * (session fixation) and binds that {@code HttpSession} to the new session, so the session
     * guard invalidates it once the library session is over. Create the {@code HttpSession}
     * before calling this when the application keeps the user in it.
     *
     * <p>All or nothing: when the store cannot register the session, this throws before anything
     * is written or changed (no cookie, no attribute, the same container id); answer 503 then.
     * Thread-safe.
     *
     * @param engine the logout engine
     * @param request the request
     * @param response the response
     * @param userId the user's id
     * @return the new session, whose id the cookie already carries
     * @throws dev.securelogout.core.spi.StoreException when the store cannot register the session
     * @throws IllegalStateException when the response is already committed
     */
    public static NewSession login(LogoutEngine engine, HttpServletRequest request, HttpServletResponse response,
                                   String userId) {
        return login(engine, request, response, userId, Optional.empty());
    }

    /**
     * Signs {@code userId} in as {@link #login(LogoutEngine, HttpServletRequest, HttpServletResponse, String)}
     * does, after an identity provider authenticated them: the session remembers the provider's
     * session {@code provider}, so that the provider's back-channel logout of it ends this one.
     *
     * @param engine   the engine
     * @param request  the sign-in request
     * @param response its response, not yet committed
     * @param userId   the user the provider authenticated
     * @param provider the provider's session the new one came from
     * @return the new session, whose id the cookie already carries
     * @throws dev.securelogout.core.spi.StoreException when the store cannot register the session
     * @throws IllegalStateException when the response is already committed
     */
    public static NewSession login(LogoutEngine engine, HttpServletRequest request, HttpServletResponse response,
                                   String userId, ProviderSession provider) {
        return login(engine, request, response, userId, Optional.of(provider));
    }

    private static NewSession login(LogoutEngine engine, HttpServletRequest request, HttpServletResponse response,
                                    String userId, Optional<ProviderSession> provider) {
        if (response.isCommitted()) {
            throw new IllegalStateException("the response is already committed: the session cookie cannot be written");
        }
        Device device = Requests.device(request);
        NewSession session = provider.isPresent() ? engine.startSession(userId, device, provider.get())
                : engine.startSession(userId, device);
        HttpSessionBinding.renewAndBind(request, session.session());
        response.addHeader("Set-Cookie", engine.sessionSetCookie(session));
        request.setAttribute(SESSION_ATTRIBUTE, session.session());
        return session;
    }

    /**
     * The active session the session guard admitted this request with, if it did.
     *
     * @param request the request
     * @return the active session the session guard admitted this request with, if it did
     */
    public static Optional<Session> session(ServletRequest request) {
        return request.getAttribute(SESSION_ATTRIBUTE) instanceof Session s ? Optional.of(s) : Optional.empty();
    }

    /**
     * The access-token claims the bearer guard admitted this request with, if it did.
     *
     * @param request the request
     * @return the access-token claims the bearer guard admitted this request with, if it did
     */
    public static Optional<AccessTokenClaims> accessToken(ServletRequest request) {
        return request.getAttribute(CLAIMS_ATTRIBUTE) instanceof AccessTokenClaims c ? Optional.of(c) : Optional.empty();
    }
}
