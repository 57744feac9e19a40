package dev.securelogout.oidc;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.SessionCheck;
import dev.securelogout.core.session.Session;
import dev.securelogout.servlet.AdapterSupport;
import dev.securelogout.servlet.SecureLogout;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): mapped in front of
 * logout-servlet's {@code LogoutFilter} on the logout path, it lets that filter log out as always
 * (local invalidation first, whatever the provider does), and when the session that logged out
 * came from {@link OidcClient}'s provider, turns the browser's 303 into a 303 to the provider's
 * {@code end_session_endpoint} with {@code client_id}, {@code id_token_hint} (the ID token kept
 * server-side at sign-in, {@link OidcLogin#ID_TOKEN_ATTRIBUTE}; left out when this node does not
 * hold it) and {@code post_logout_redirect_uri} from the client's allow-list. Everything else (an
 * API client's 204, a refused cross-site request, a session from no provider, a provider that
 * cannot be discovered now) is left exactly as the logout filter answers it. Thread-safe.
 */
public final class ProviderLogoutFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderLogoutFilter.class);

    private final LogoutEngine engine;
    private final OidcClient client;
    private final String logoutPath;

    /**
     * On {@code logoutPath} (inside the context), for the sessions of {@code engine} from {@code client}'s provider.
     *
     * @param engine     the engine the logout filter logs out with
     * @param client     the client at the provider
     * @param logoutPath the logout filter's path, e.g. {@code /logout}
     */
    public ProviderLogoutFilter(LogoutEngine engine, OidcClient client, String logoutPath) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.client = Objects.requireNonNull(client, "client");
        this.logoutPath = Objects.requireNonNull(logoutPath, "logoutPath");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest req && response instanceof HttpServletResponse resp
                && "POST".equals(req.getMethod()) && logoutPath.equals(AdapterSupport.path(req))) {
            Optional<String> target = endSession(req);
            if (target.isPresent()) {
                chain.doFilter(request, new Redirected(resp, target.get()));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Where the provider ends its session, when the request's session came from it. */
    private Optional<String> endSession(HttpServletRequest request) {
        try {
            Optional<Session> session = AdapterSupport.cookie(request, engine.sessionCookie().name())
                    .map(engine::check).filter(SessionCheck::isActive).flatMap(SessionCheck::session)
                    .filter(s -> s.provider().filter(p -> p.issuer().equals(client.issuer())).isPresent());
            if (session.isEmpty()) {
                return Optional.empty();
            }
            Optional<URI> endpoint = client.endSessionEndpoint();
            if (endpoint.isEmpty()) {
                return Optional.empty();
            }
            StringBuilder url = new StringBuilder(endpoint.get().toString())
                    .append(endpoint.get().getRawQuery() == null ? '?' : '&')
                    .append("client_id=").append(encode(client.clientId()));
            idToken(request, session.get()).ifPresent(t -> url.append("&id_token_hint=").append(encode(t)));
            postLogoutRedirect(request).ifPresent(u -> url.append("&post_logout_redirect_uri=").append(encode(u.toString())));
            return Optional.of(url.toString());
        } catch (RuntimeException e) {
            LOG.warn("RP-initiated logout skipped, the local logout goes on: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** The ID token kept in the {@code HttpSession} bound to {@code session}. */
    private static Optional<String> idToken(HttpServletRequest request, Session session) {
        HttpSession http = request.getSession(false);
        if (http == null || !session.handle().equals(http.getAttribute(SecureLogout.BOUND_SESSION_ATTRIBUTE))) {
            return Optional.empty();
        }
        return http.getAttribute(OidcLogin.ID_TOKEN_ATTRIBUTE) instanceof String token ? Optional.of(token) : Optional.empty();
    }

    /** The allow-listed URI of the request's own origin, else the first of the list. */
    private Optional<URI> postLogoutRedirect(HttpServletRequest request) {
        String own = origin(request.getScheme(), request.getServerName(), request.getServerPort());
        return client.postLogoutRedirectUris().stream()
                .filter(u -> origin(u.getScheme(), u.getHost(), u.getPort()).equals(own)).findFirst()
                .or(() -> client.postLogoutRedirectUris().stream().findFirst());
    }

    private static String origin(String scheme, String host, int port) {
        int effective = port >= 0 ? port : "https".equals(scheme) ? 443 : 80;
        return scheme + "://" + host + ":" + effective;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The logout filter's answer with its {@code Location} replaced by the provider's end-session URL. */
    private static final class Redirected extends HttpServletResponseWrapper {
        private final String target;

        Redirected(HttpServletResponse response, String target) {
            super(response);
            this.target = target;
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, "Location".equalsIgnoreCase(name) ? target : value);
        }

        @Override
        public void addHeader(String name, String value) {
            super.addHeader(name, "Location".equalsIgnoreCase(name) ? target : value);
        }

        @Override
        public void sendRedirect(String location) {
            setHeader("Location", target);
            setStatus(SC_SEE_OTHER);
        }
    }
}
