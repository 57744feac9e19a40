package dev.securelogout.spring.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One of logout-servlet's filters inside a Spring Security chain: it sees only the requests that
 * {@code matcher} matches (the container mapping it was written for), every other request passes.
 * Thread-safe when the delegate is.
 */
final class PathFilter implements Filter {

    private final RequestMatcher matcher;
    private final Filter delegate;

    PathFilter(RequestMatcher matcher, Filter delegate) {
        this.matcher = matcher;
        this.delegate = delegate;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && matcher.matches(http)) {
            delegate.doFilter(request, response, chain);
        } else {
            chain.doFilter(request, response);
        }
    }

    @Override
    public String toString() {
        return delegate.getClass().getSimpleName() + "[" + matcher + "]";
    }
}
