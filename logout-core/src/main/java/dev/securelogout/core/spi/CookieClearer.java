package dev.securelogout.core.spi;

import dev.securelogout.core.cookie.CookieSpec;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Says which {@code Set-Cookie} header values delete the application's credentials in a browser.
 * Returns strings, not servlet types, so that any adapter can write them. Implementations are
 * thread-safe and should not fail; one that throws is a failed
 * {@link dev.securelogout.core.event.LogoutStep#COOKIE_CLEARER} step, and the deletions of the
 * session and remember-me cookies go out instead.
 */
@FunctionalInterface
public interface CookieClearer {

    /**
     * The {@code Set-Cookie} values to send, one header each, in order.
     *
     * @return the {@code Set-Cookie} values to send, one header each, in order
     */
    List<String> clearingHeaders();

    /**
     * The standard clearer: for each spec its {@link CookieSpec#clearing()}; with
     * {@code hostOnlyTwins}, also the host-only twin of every Domain cookie; and the same cookies
     * on each of {@code formerDomains} (cookies left behind after a domain move).
     * {@code __Host-} cookies have no twins. Duplicates are dropped.
     *
     * @param specs the cookie specs
     * @param hostOnlyTwins whether to delete the host-only twin of every Domain cookie too
     * @param formerDomains Domains the cookies were once set on, deleted there as well
     * @return the standard clearer
     */
    static CookieClearer of(List<CookieSpec> specs, boolean hostOnlyTwins, List<String> formerDomains) {
        LinkedHashSet<String> headers = new LinkedHashSet<>();
        for (CookieSpec spec : specs) {
            headers.add(spec.clearing());
            if (spec.name().startsWith(CookieSpec.HOST_PREFIX)) {
                continue;
            }
            if (hostOnlyTwins && spec.domain().isPresent()) {
                headers.add(spec.withoutDomain().clearing());
            }
            for (String former : formerDomains) {
                headers.add(spec.withDomain(former).clearing());
            }
        }
        List<String> result = List.copyOf(headers);
        return () -> result;
    }
}
