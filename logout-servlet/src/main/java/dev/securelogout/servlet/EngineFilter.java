package dev.securelogout.servlet;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.spi.AccessTokenVerifier;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common frame of this module's filters: wiring given programmatically or found in the
 * {@code ServletContext} at {@link #init}, HTTP requests only, and the guarantee that a failure of
 * the filter's own work (never of the rest of the chain) ends in the filter's normal failure
 * answer instead of a 500.
 */
abstract class EngineFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(EngineFilter.class);

    private volatile @Nullable Wiring wiring;

    /** For the container: the engine (and verifier) come from the {@code ServletContext}, the configuration from init-params. */
    EngineFilter() {
    }

    /** Programmatic: everything given; init-params are ignored. */
    EngineFilter(LogoutEngine engine, Optional<AccessTokenVerifier> verifier, LogoutConfig config) {
        this.wiring = new Wiring(engine, verifier, config);
    }

    /**
     * Completes the wiring from the {@code ServletContext} when it was not given.
     *
     * @throws ServletException when no engine is found, an init-param is unknown or invalid, or a
     *                          required verifier is missing
     */
    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        if (wiring == null) {
            ServletContext context = filterConfig.getServletContext();
            if (!(context.getAttribute(SecureLogout.ENGINE_ATTRIBUTE) instanceof LogoutEngine engine)) {
                throw new ServletException("no LogoutEngine in the ServletContext attribute " + SecureLogout.ENGINE_ATTRIBUTE);
            }
            Optional<AccessTokenVerifier> verifier = context.getAttribute(SecureLogout.VERIFIER_ATTRIBUTE) instanceof AccessTokenVerifier v
                    ? Optional.of(v) : Optional.empty();
            try {
                wiring = new Wiring(engine, verifier, LogoutConfig.fromInitParameters(filterConfig));
            } catch (IllegalArgumentException e) {
                throw new ServletException(filterConfig.getFilterName() + ": " + e.getMessage(), e);
            }
        }
        if (requiresVerifier() && wiring.verifier.isEmpty()) {
            throw new ServletException("no AccessTokenVerifier given nor in the ServletContext attribute " + SecureLogout.VERIFIER_ATTRIBUTE);
        }
    }

    @Override
    public final void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Wiring w = wiring;
        if (w == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " used before init");
        }
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse resp)) {
            chain.doFilter(request, response);
            return;
        }
        boolean[] passed = {false};
        FilterChain tracked = (rq, rs) -> {
            passed[0] = true;
            chain.doFilter(rq, rs);
        };
        try {
            filter(w, req, resp, tracked);
        } catch (RuntimeException e) {
            if (passed[0] || resp.isCommitted()) {
                throw e;
            }
            LOG.error("{} failed with {}; answered with its failure answer", getClass().getSimpleName(), e.getClass().getName());
            resp.reset();
            failed(w, req, resp);
        }
    }

    /**
     * Whether {@code request} may change state: {@code POST} (else 405 with {@code Allow: POST})
     * and not cross-site by the {@link CrossSiteRule} (else 403). The refusal is written when false.
     */
    static boolean admitsStateChange(Wiring w, HttpServletRequest request, HttpServletResponse response) {
        if (!"POST".equals(request.getMethod())) {
            Answers.methodNotAllowed(response, "POST");
            return false;
        }
        if (!w.crossSite.admits(request)) {
            Answers.status(response, HttpServletResponse.SC_FORBIDDEN);
            return false;
        }
        return true;
    }

    /** Whether this filter cannot work without an {@link AccessTokenVerifier}. */
    boolean requiresVerifier() {
        return false;
    }

    /** The filter's work on an HTTP request. */
    abstract void filter(Wiring w, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException;

    /** The answer when {@link #filter} failed before passing the request on: 503 by default, fail closed. */
    void failed(Wiring w, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Answers.unavailable(response, w.config.retryAfter());
    }
}
