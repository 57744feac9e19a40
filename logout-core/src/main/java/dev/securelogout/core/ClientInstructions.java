package dev.securelogout.core;

import dev.securelogout.core.cookie.ClearSiteData;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a client must do to drop every credential of this application: the deleting
 * {@code Set-Cookie} values, the {@code Clear-Site-Data} directives, and where the browser goes
 * next. Computed once by the engine from its cookie settings, so that the normal logout answer
 * and an adapter's last-resort answer ({@link LogoutEngine#clientInstructions()}) are the same to
 * the byte.
 *
 * @param setCookies    {@code Set-Cookie} values, one header each, in order; empty when nothing is to be cleared
 * @param clearSiteData the {@code Clear-Site-Data} directives (see {@link ClearSiteData#headerValue})
 * @param redirectTo    the same-site path to send a browser to
 */
public record ClientInstructions(List<String> setCookies, Set<ClearSiteData> clearSiteData, String redirectTo) {

    /** Checks presence; copies the collections. */
    public ClientInstructions {
        setCookies = List.copyOf(setCookies);
        clearSiteData = Set.copyOf(clearSiteData);
        Objects.requireNonNull(redirectTo, "redirectTo");
    }

    /** Whether anything is to be deleted (false when the client keeps its session). */
    public boolean clearsClient() {
        return !setCookies.isEmpty();
    }

    /**
     * Whether {@code path} is a same-site path, the only kind of redirect target this library
     * writes: one leading slash (not two), printable ASCII, no backslash, at most 2048 characters.
     * The one rule for every adapter's configured paths and the engine's logout redirect.
     */
    public static boolean isSameSitePath(String path) {
        return path != null && path.startsWith("/") && !path.startsWith("//") && path.indexOf('\\') < 0
                && path.length() <= 2048 && path.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    /** These instructions without the deletions: the client keeps its session. */
    ClientInstructions keepingClient() {
        return new ClientInstructions(List.of(), Set.of(), redirectTo);
    }
}
