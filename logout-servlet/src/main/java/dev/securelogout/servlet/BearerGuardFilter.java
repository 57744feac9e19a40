package dev.securelogout.servlet;

import dev.securelogout.core.AccessTokenStatus;
import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.spi.AccessTokenVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The bearer guard for APIs that take JWT access tokens ({@code Authorization: Bearer}, RFC 6750):
 * the application's {@link AccessTokenVerifier} checks the signature and claims, then the engine
 * refuses a token that was logged out (denylisted by its issuer and jti) or issued before the
 * user's last logout everywhere, so a revoked token stops working before it expires.
 *
 * <ul>
 * <li>Active: the claims are left in the request ({@link SecureLogout#accessToken}), the response
 *     carries {@code Cache-Control: no-store}, the request passes.</li>
 * <li>No {@code Authorization} header: 401 with {@code WWW-Authenticate: Bearer} and no error code,
 *     as RFC 6750 §3.1 asks of a request without credentials.</li>
 * <li>Anything else refused (malformed, several headers, not verified, revoked, expired): 401 with
 *     {@code WWW-Authenticate: Bearer error="invalid_token"}; never a detail of why.</li>
 * <li>The store cannot answer, or the verifier throws (a key set that cannot be fetched): 503 with
 *     {@code Retry-After}, fail closed.</li>
 * </ul>
 *
 * It guards every request it is mapped to but {@code login-path}, {@code logout-path} and
 * {@code revocation-path}, which pass on unchecked (a client logs out or revokes with a token that
 * may already be refused). The verifier is given or found under {@link SecureLogout#VERIFIER_ATTRIBUTE} (required: the
 * filter does not start without it). Thread-safe.
 */
public final class BearerGuardFilter extends EngineFilter {

    /** For the container: engine and verifier from the {@code ServletContext}, the configuration from init-params. */
    public BearerGuardFilter() {
    }

    /**
     * Programmatic.
     *
     * @param engine the logout engine
     * @param verifier the access-token verifier
     * @param config the adapter's configuration
     */
    public BearerGuardFilter(LogoutEngine engine, AccessTokenVerifier verifier, LogoutConfig config) {
        super(engine, Optional.of(verifier), config);
    }

    @Override
    boolean requiresVerifier() {
        return true;
    }

    @Override
    void filter(Wiring w, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (w.config.unguarded(Requests.path(request))) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getHeader("Authorization") == null) {
            challenge(response, "Bearer");
            return;
        }
        Optional<AccessTokenClaims> claims = Requests.bearer(request).flatMap(w.verifier.orElseThrow()::verify);
        AccessTokenStatus status = claims.isPresent() ? w.engine.checkAccessToken(claims.get()) : AccessTokenStatus.REVOKED;
        switch (status) {
            case ACTIVE:
                request.setAttribute(SecureLogout.CLAIMS_ATTRIBUTE, claims.get());
                Answers.noStore(response);
                chain.doFilter(request, response);
                break;
            case UNAVAILABLE:
                Answers.unavailable(response, w.config.retryAfter());
                break;
            default:
                challenge(response, "Bearer error=\"invalid_token\"");
        }
    }

    private static void challenge(HttpServletResponse response, String challenge) {
        response.setHeader("WWW-Authenticate", challenge);
        Answers.status(response, HttpServletResponse.SC_UNAUTHORIZED);
    }
}
