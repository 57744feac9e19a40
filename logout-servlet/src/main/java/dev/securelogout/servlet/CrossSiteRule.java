package dev.securelogout.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a state-changing request may come from where it says it comes from: the
 * defence against cross-site request forgery of logout, logout everywhere, session revocation and
 * token revocation. Immutable and thread-safe.
 *
 * <ol>
 * <li>With Fetch Metadata ({@code Sec-Fetch-Site}, set by the browser and not forgeable by a
 *     page): {@code same-origin} and {@code none} (typed or bookmarked by the user) pass;
 *     {@code same-site} passes only when its {@code Origin} is one of the configured allowed
 *     origins, because a sibling subdomain (user content, a forgotten staging host) is another
 *     party; {@code cross-site} and anything else are refused.</li>
 * <li>Without it: an {@code Origin} passes when it equals an allowed origin or the request's own
 *     {@code scheme://host:port}; {@code Origin: null} (sandboxed frames, redirects across
 *     origins, {@code file:}) and anything unparsable are refused.</li>
 * <li>Without either: passes. Every browser that supports cookies with SameSite sends
 *     {@code Origin} on a POST, so such a request comes from a non-browser client, which cannot
 *     carry a victim's cookies.</li>
 * </ol>
 * A header sent more than once is refused.
 */
final class CrossSiteRule {

    private final Set<String> allowedOrigins;

    CrossSiteRule(LogoutConfig config) {
        this.allowedOrigins = config.allowedOrigins();
    }

    /** Whether {@code request} may change state. */
    boolean admits(HttpServletRequest request) {
        List<String> sites = Requests.headers(request, "Sec-Fetch-Site");
        List<String> origins = Requests.headers(request, "Origin");
        if (sites.size() > 1 || origins.size() > 1) {
            return false;
        }
        Optional<String> origin = origins.isEmpty() ? Optional.empty() : Optional.of(origins.get(0));
        if (!sites.isEmpty()) {
            switch (sites.get(0).strip().toLowerCase(Locale.ROOT)) {
                case "same-origin":
                case "none":
                    return true;
                case "same-site":
                    return origin.flatMap(LogoutConfig::normalizeOrigin).filter(allowedOrigins::contains).isPresent();
                default:
                    return false;
            }
        }
        if (origin.isEmpty()) {
            return true;
        }
        Optional<String> normalized = LogoutConfig.normalizeOrigin(origin.get());
        return normalized.isPresent()
                && (allowedOrigins.contains(normalized.get()) || normalized.equals(ownOrigin(request)));
    }

    /** The request's own origin as the container sees it (the Host header and the connection's scheme). */
    private static Optional<String> ownOrigin(HttpServletRequest request) {
        String host = request.getServerName();
        if (host == null) {
            return Optional.empty();
        }
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return LogoutConfig.normalizeOrigin(request.getScheme() + "://" + host + ":" + request.getServerPort());
    }
}
