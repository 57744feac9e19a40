package dev.securelogout.core.cookie;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Directives of the {@code Clear-Site-Data} response header.
 *
 * <p>{@link #COOKIES} reaches every subdomain of the registrable domain, not only this host;
 * {@link #CACHE} can stall Chromium for seconds, so it is not in the default set.
 */
public enum ClearSiteData {
    /** Every cookie of the registrable domain, subdomains included. */
    COOKIES("\"cookies\""),
    /** localStorage, sessionStorage, IndexedDB, service workers and the like. */
    STORAGE("\"storage\""),
    /** The HTTP cache and the back/forward cache. */
    CACHE("\"cache\""),
    /** Reloads the execution contexts (open tabs) of the origin. */
    EXECUTION_CONTEXTS("\"executionContexts\"");

    private final String token;

    ClearSiteData(String token) {
        this.token = token;
    }

    /**
     * The quoted directive.
     *
     * @return the quoted directive
     */
    public String token() {
        return token;
    }

    /**
     * The header value for a set of directives, in declaration order; "" for none.
     *
     * @param directives the directives
     * @return the header value for a set of directives, in declaration order
     */
    public static String headerValue(Set<ClearSiteData> directives) {
        return directives.stream().sorted().map(ClearSiteData::token).collect(Collectors.joining(", "));
    }
}
