package dev.securelogout.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The library's cross-site rule ({@code Sec-Fetch-Site}, else {@code Origin}; see the module's
 * README) over every state change of an application, not only the library's endpoints: a
 * {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE} that it refuses gets an empty 403 and
 * goes no further; safe methods pass. Use it as the application's one CSRF policy instead of a
 * second, token-based one. Configured by {@link LogoutConfig#allowedOrigins()}. Immutable and
 * thread-safe.
 */
public final class CrossSiteFilter implements Filter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final CrossSiteRule rule;
    private final Optional<String> exemptPath;

    /**
     * The rule with the allowed origins of {@code config}.
     *
     * @param config the adapter's configuration
     */
    public CrossSiteFilter(LogoutConfig config) {
        this.rule = new CrossSiteRule(Objects.requireNonNull(config, "config"));
        this.exemptPath = Optional.empty();
    }

    /**
     * The rule with the allowed origins of {@code config}, except on exactly {@code exemptPath}
     * (inside the context): an OpenID Connect back-channel logout endpoint, whose caller is the
     * identity provider's server rather than a browser, and which acts on no cookie. Nothing else
     * is exempt, not even a path below it.
     *
     * @param config     the allowed origins
     * @param exemptPath the one path, inside the context, the rule does not apply to
     */
    public CrossSiteFilter(LogoutConfig config, String exemptPath) {
        this.rule = new CrossSiteRule(Objects.requireNonNull(config, "config"));
        this.exemptPath = Optional.of(Objects.requireNonNull(exemptPath, "exemptPath"));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest req && response instanceof HttpServletResponse resp
                && !SAFE.contains(req.getMethod()) && !exemptPath.equals(Optional.of(Requests.path(req))) && !rule.admits(req)) {
            Answers.status(resp, HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        chain.doFilter(request, response);
    }
}
