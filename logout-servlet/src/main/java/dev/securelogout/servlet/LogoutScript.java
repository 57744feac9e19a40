package dev.securelogout.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code logout.js}, the dependency-free browser companion, as a class-path resource any app can
 * serve (with {@link LogoutScriptServlet}, or its own static-file handling from {@link #bytes()}):
 * on logout it POSTs, clears the app's localStorage keys, sessionStorage, IndexedDB, Cache Storage
 * and service workers, tells the other tabs through {@code BroadcastChannel}, listens to
 * {@link SessionEventsServlet}'s stream, reloads a page restored from the back/forward cache, and
 * leaves with {@code location.replace}; the cleanup also runs when the server cannot be reached.
 * Its settings are {@code data-} attributes of its script tag (see the file's header). Its version
 * is the library's. Stateless.
 */
public final class LogoutScript {

    /** Where the script is on the class path. */
    public static final String RESOURCE = "/dev/securelogout/servlet/logout.js";
    /** Its content type. */
    public static final String CONTENT_TYPE = "text/javascript;charset=utf-8";

    private static final byte[] BYTES = load();
    private static final String VERSION = versionOf(new String(BYTES, StandardCharsets.UTF_8));

    private LogoutScript() {
    }

    /**
     * The script, a fresh copy.
     *
     * @return the script, a fresh copy
     */
    public static byte[] bytes() {
        return BYTES.clone();
    }

    /**
     * The script's version (the library's), also in the script as {@code SecureLogout.version}.
     *
     * @return the script's version
     */
    public static String version() {
        return VERSION;
    }

    /** The script itself, not a copy, for this package's servlet, which only writes it. */
    static byte[] shared() {
        return BYTES;
    }

    private static byte[] load() {
        try (InputStream in = LogoutScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String versionOf(String script) {
        Matcher m = Pattern.compile("var VERSION = '([^']+)';").matcher(script);
        if (!m.find()) {
            throw new IllegalStateException(RESOURCE + " names no VERSION");
        }
        return m.group(1);
    }
}
