package dev.securelogout.core;

import dev.securelogout.core.cookie.ClearSiteData;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a client must do after a logout: the {@code Set-Cookie} values to write, the
 * {@code Clear-Site-Data} directives, and where the browser goes next. The deletions are computed
 * once by the engine from its cookie settings, so that the normal logout answer and an adapter's
 * last-resort answer ({@link LogoutEngine#clientInstructions()}) are the same to the byte. When
 * the client keeps its session under a new id, the new session cookie is here too: adapters write
 * {@link #setCookies()} as they are and never build a session cookie themselves.
 *
 * @param setCookies    {@code Set-Cookie} values, one header each, in order
 * @param clearSiteData the {@code Clear-Site-Data} directives (see {@link ClearSiteData#headerValue}); empty for none
 * @param redirectTo    the same-site path to send a browser to after a logout
 * @param clearsClient  whether the client's credentials are deleted (false when it keeps its session)
 */
public record ClientInstructions(List<String> setCookies, Set<ClearSiteData> clearSiteData, String redirectTo,
                                 boolean clearsClient) {

    /**
     * Checks presence; copies the collections.
     *
     * @param setCookies the set cookies
     * @param clearSiteData the clear site data
     * @param redirectTo the redirect to
     * @param clearsClient the clears client
     */
    public ClientInstructions {
        setCookies = List.copyOf(setCookies);
        clearSiteData = Set.copyOf(clearSiteData);
        Objects.requireNonNull(redirectTo, "redirectTo");
    }

    /**
     * Whether {@code path} is a same-site path, the only kind of redirect target this library
     * writes: one leading slash (not two), printable ASCII, no backslash, at most 2048 characters.
     * The one rule for every adapter's configured paths and the engine's logout redirect.
     *
     * @param path the path
     * @return whether is same site path
     */
    public static boolean isSameSitePath(String path) {
        return path != null && path.startsWith("/") && !path.startsWith("//") && path.indexOf('\\') < 0
                && path.length() <= 2048 && path.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

}
