package dev.securelogout.servlet;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.spi.AccessTokenVerifier;
import jakarta.servlet.ServletRequest;
import java.util.Optional;

/**
 * The names this module shares with the application: where the filters find the engine and the
 * access-token verifier in the {@code ServletContext}, and where they leave the authenticated
 * session or token claims on the request. Stateless.
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

    private SecureLogout() {
    }

    /** The active session the session guard admitted this request with, if it did. */
    public static Optional<Session> session(ServletRequest request) {
        return request.getAttribute(SESSION_ATTRIBUTE) instanceof Session s ? Optional.of(s) : Optional.empty();
    }

    /** The access-token claims the bearer guard admitted this request with, if it did. */
    public static Optional<AccessTokenClaims> accessToken(ServletRequest request) {
        return request.getAttribute(CLAIMS_ATTRIBUTE) instanceof AccessTokenClaims c ? Optional.of(c) : Optional.empty();
    }
}
