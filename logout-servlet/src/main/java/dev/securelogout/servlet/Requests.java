package dev.securelogout.servlet;

import dev.securelogout.core.session.Device;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads what the filters need from a request, defensively: garbage, oversized or repeated values
 * read as absent, never as an exception. Stateless.
 */
final class Requests {

    /** Longest bearer token looked at; longer ones are treated as invalid without verification. */
    static final int MAX_TOKEN = 8192;
    /** Header values looked at per name; a request repeating a header more often is refused where it matters. */
    private static final int MAX_VALUES = 16;

    private Requests() {
    }

    /**
     * The value of the first cookie named {@code name} in the {@code Cookie} headers, parsed here
     * rather than by the container so that a malformed neighbour never hides or breaks it.
     */
    static Optional<String> cookie(HttpServletRequest request, String name) {
        Enumeration<String> headers = request.getHeaders("Cookie");
        while (headers != null && headers.hasMoreElements()) {
            String header = headers.nextElement();
            int start = 0;
            while (start < header.length()) {
                int end = header.indexOf(';', start);
                if (end < 0) {
                    end = header.length();
                }
                int eq = header.indexOf('=', start);
                if (eq > start && eq < end && header.substring(start, eq).strip().equals(name)) {
                    String value = header.substring(eq + 1, end).strip();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    return Optional.of(value);
                }
                start = end + 1;
            }
        }
        return Optional.empty();
    }

    /** Up to {@value #MAX_VALUES} + 1 values of the header {@code name}, so callers can tell "repeated". */
    static List<String> headers(HttpServletRequest request, String name) {
        List<String> values = new ArrayList<>(2);
        Enumeration<String> e = request.getHeaders(name);
        while (e != null && e.hasMoreElements() && values.size() <= MAX_VALUES) {
            values.add(e.nextElement());
        }
        return values;
    }

    /** The path inside the servlet context, decoded and normalised by the container. */
    static String path(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    /** The device as a person would recognise it: User-Agent and the address the container saw. */
    static Device device(HttpServletRequest request) {
        return Device.of(request.getHeader("User-Agent"), request.getRemoteAddr());
    }

    /** Whether the client wants API answers: an API path, or an {@code Accept} naming a JSON type. */
    static boolean wantsJson(HttpServletRequest request, LogoutConfig config) {
        String path = path(request);
        if (config.apiPaths().stream().anyMatch(path::startsWith)) {
            return true;
        }
        for (String accept : headers(request, "Accept")) {
            for (String range : accept.split(",", 64)) {
                int semicolon = range.indexOf(';');
                String type = (semicolon < 0 ? range : range.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
                if (type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The bearer token of the one {@code Authorization} header (RFC 6750 §2.1); empty when there is
     * none, several, another scheme, or a token that is not a well-formed b64token.
     */
    static Optional<String> bearer(HttpServletRequest request) {
        List<String> values = headers(request, "Authorization");
        if (values.size() != 1) {
            return Optional.empty();
        }
        String value = values.get(0);
        if (value.length() > MAX_TOKEN + 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = value.substring(7).strip();
        return isB64Token(token) ? Optional.of(token) : Optional.empty();
    }

    /**
     * Whether {@code value} is an RFC 6750 {@code b64token}: {@code 1*( ALPHA / DIGIT / "-" / "." /
     * "_" / "~" / "+" / "/" ) *"="}. Scanned by hand: a regular expression cost about 1.5 µs per
     * request on a JWT's 260 characters, a twentieth of a trivial servlet's whole request.
     */
    static boolean isB64Token(String value) {
        int length = value.length();
        int i = 0;
        while (i < length && isB64TokenChar(value.charAt(i))) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < length && value.charAt(i) == '=') {
            i++;
        }
        return i == length;
    }

    private static boolean isB64TokenChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
