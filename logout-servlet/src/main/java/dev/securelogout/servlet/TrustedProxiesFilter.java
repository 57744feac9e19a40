package dev.securelogout.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.Objects;

/**
 * Puts the client's address, as {@link TrustedProxies} reads it, in
 * {@link ServletRequest#getRemoteAddr()} for everything after it: the devices' sign-in and
 * last-seen addresses, the login throttle, the audit. Map it first, over {@code /*}. A request
 * whose peer is not a trusted proxy passes unchanged, so forwarding headers from anyone else are
 * ignored. Immutable and thread-safe.
 */
public final class TrustedProxiesFilter implements Filter {

    private final TrustedProxies proxies;

    /**
     * A filter believing the forwarding headers of {@code proxies} only.
     *
     * @param proxies the trusted proxies; {@link TrustedProxies#NONE} to believe none
     */
    public TrustedProxiesFilter(TrustedProxies proxies) {
        this.proxies = Objects.requireNonNull(proxies, "proxies");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (proxies.isEmpty() || !(request instanceof HttpServletRequest http) || !proxies.trusts(http.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        String client = proxies.clientAddress(http.getRemoteAddr(), Requests.headers(http, "Forwarded"),
                Requests.headers(http, "X-Forwarded-For"));
        chain.doFilter(new HttpServletRequestWrapper(http) {
            @Override
            public String getRemoteAddr() {
                return client;
            }

            @Override
            public String getRemoteHost() {
                return client;
            }
        }, response);
    }
}
