package dev.securelogout.core.session;

import org.jspecify.annotations.Nullable;


/**
 * What a person needs to recognise one of their devices in a session list. Every field is
 * sanitised on construction: control characters removed, length capped, so a hostile
 * User-Agent cannot break a log line or a page.
 *
 * @param browser   browser family, e.g. "Firefox", or "Unknown"
 * @param os        operating system family, e.g. "Android", or "Unknown"
 * @param ip        the client address as the adapter saw it, or empty
 * @param userAgent the User-Agent header, capped at {@value #MAX_USER_AGENT} characters
 */
public record Device(String browser, String os, String ip, String userAgent) {

    /** Longest User-Agent kept. */
    public static final int MAX_USER_AGENT = 256;
    /** Longest IP text kept (an IPv6 address with zone fits). */
    public static final int MAX_IP = 64;

    /**
     * Sanitises every field.
     *
     * @param browser the browser
     * @param os the os
     * @param ip the client's IP address
     * @param userAgent the {@code User-Agent} header
     */
    public Device {
        browser = clean(browser, 32);
        os = clean(os, 32);
        ip = clean(ip, MAX_IP);
        userAgent = clean(userAgent, MAX_USER_AGENT);
    }

    /**
     * A device recognised from a User-Agent header and a client address, as the container hands them
     * (a request without the header gives null: it is an unknown browser).
     *
     * @param userAgent the {@code User-Agent} header
     * @param ip the client's IP address
     * @return a device recognised from a User-Agent header and a client address
     */
    public static Device of(@Nullable String userAgent, @Nullable String ip) {
        String ua = userAgent == null ? "" : userAgent;
        return new Device(UserAgents.browser(ua), UserAgents.os(ua), ip == null ? "" : ip, ua);
    }

    /**
     * An unknown device.
     *
     * @return an unknown device
     */
    public static Device unknown() {
        return of("", "");
    }

    /** Strips control characters and caps the length; null becomes "". A clean value is returned as it is. */
    static String clean(String value, int max) {
        if (value == null) {
            return "";
        }
        if (isClean(value, max)) {
            return value; // the common case, on every request's last-seen address: nothing to allocate
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            if (kept(c)) {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    /** Whether {@link #clean} would return {@code value} unchanged. */
    private static boolean isClean(String value, int max) {
        int length = value.length();
        if (length > max || (length > 0 && (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(length - 1))))) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!kept(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean kept(char c) {
        return !Character.isISOControl(c) && !Character.isSurrogate(c) && c != '\u2028' && c != '\u2029';
    }
}
