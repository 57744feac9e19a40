package dev.securelogout.spring.security;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.SessionCheck;
import dev.securelogout.servlet.AdapterSupport;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Remember-me through the library's series, in place of Spring's {@code RememberMeAuthenticationFilter}:
 * a request without a valid session that presents a remember-me cookie gets a new session (new
 * session cookie, the series rotated, a reused token ending its whole series); a rejected cookie is
 * cleared. A store that cannot answer leaves the request unauthenticated here, and the entry point
 * answers 503 if the route needs a user. Thread-safe.
 */
final class RememberMeFilter extends OncePerRequestFilter {

    private final LogoutEngine engine;
    private final SessionSecurityContextRepository repository;
    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

    RememberMeFilter(LogoutEngine engine, SessionSecurityContextRepository repository) {
        this.engine = engine;
        this.repository = repository;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> token = AdapterSupport.cookie(request, engine.rememberMeCookie().name());
        if (token.isPresent() && !authenticated()) {
            SessionCheck restored = AdapterSupport.rememberMe(engine, token.get(), request, response);
            if (restored.isActive()) {
                holder.setContext(repository.admitted(request, restored.session().orElseThrow()));
            }
        }
        chain.doFilter(request, response);
    }

    /** Whether the request already has a user; true when the store cannot tell (nothing to restore then). */
    private boolean authenticated() {
        try {
            Authentication authentication = holder.getContext().getAuthentication();
            return authentication != null && authentication.isAuthenticated();
        } catch (StoreUnavailableException e) {
            return true;
        }
    }
}
