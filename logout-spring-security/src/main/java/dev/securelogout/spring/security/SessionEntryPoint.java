package dev.securelogout.spring.security;

import dev.securelogout.servlet.AdapterSupport;
import dev.securelogout.servlet.LogoutConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Where a request that needs authentication goes: 303 to the login path for a browser, 401 for an
 * API client (an API path or {@code Accept} JSON), as logout-servlet's session guard answers; and
 * 503 with {@code Retry-After} when the store could not answer ({@link StoreUnavailableException}),
 * with every cookie left in place. Immutable and thread-safe.
 */
final class SessionEntryPoint implements AuthenticationEntryPoint {

    private final LogoutConfig config;

    SessionEntryPoint(LogoutConfig config) {
        this.config = config;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason) {
        if (StoreUnavailableException.in(reason)) {
            AdapterSupport.unavailable(response, config);
        } else {
            AdapterSupport.unauthenticated(request, response, config);
        }
    }
}
