package dev.securelogout.examples.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * First filter of every request: refuses any method but GET, HEAD and POST with 405 (no TRACE echo,
 * no 501), sets the security headers (a strict Content-Security-Policy with
 * no inline script, {@code Cache-Control: no-store} on everything but the static assets), and
 * refuses a cross-site state change: a POST whose {@code Sec-Fetch-Site} is {@code cross-site} or
 * {@code same-site}, or whose {@code Origin} is not this server's, gets 403. Stateless.
 */
public final class SecurityHeadersFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    /** The policy of every response. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /** The methods the surface uses; TRACE (an echo), OPTIONS and anything made up are 405 on every path. */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST");
    private static final String ALLOW = "GET, HEAD, POST";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        if (!request.getRequestURI().startsWith(Assets.PREFIX)) {
            response.setHeader("Cache-Control", "no-store");
        }
        if (refusedMethod(request, response)) {
            return;
        }
        if ("POST".equals(request.getMethod()) && isCrossSite(request)) {
            Http.error(response, HttpServletResponse.SC_FORBIDDEN, "cross_site_request");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Answers 405 with {@code Allow} to any method but GET, HEAD and POST, and says whether it did.
     * Also the Spring example's first filter, ahead of Spring Security's firewall (which would
     * answer 400).
     */
    public static boolean refusedMethod(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (METHODS.contains(request.getMethod())) {
            return false;
        }
        response.setHeader("Allow", ALLOW);
        Http.error(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "method_not_allowed");
        return true;
    }

    private static boolean isCrossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        String host = request.getHeader("Host");
        return host == null || !origin.toLowerCase(Locale.ROOT).equals(request.getScheme() + "://" + host.toLowerCase(Locale.ROOT));
    }
}
