package dev.securelogout.servlet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * The {@code Set-Cookie} that deletes the container's own session cookie ({@code JSESSIONID}, or
 * the name, path and domain the context configures), which every logout that clears the client
 * sends along with the library's. Stateless.
 */
final class ContainerSessionCookie {

    private static final String DEFAULT_NAME = "JSESSIONID";

    private ContainerSessionCookie() {
    }

    /**
     * The deleting {@code Set-Cookie} for the request's context; none when {@code alreadySent}
     * deletes or sets a cookie of that name (an application that named it in {@code alsoClear}).
     */
    static List<String> clearing(HttpServletRequest request, List<String> alreadySent) {
        ServletContext context = request.getServletContext();
        SessionCookieConfig config = context == null ? null : context.getSessionCookieConfig();
        String name = config == null || config.getName() == null || config.getName().isBlank() ? DEFAULT_NAME : config.getName();
        if (alreadySent.stream().anyMatch(cookie -> cookie.startsWith(name + "="))) {
            return List.of();
        }
        String path = config == null || config.getPath() == null
                ? (request.getContextPath().isEmpty() ? "/" : request.getContextPath())
                : config.getPath();
        StringBuilder cookie = new StringBuilder(name).append("=; Path=").append(path);
        if (config != null && config.getDomain() != null) {
            cookie.append("; Domain=").append(config.getDomain());
        }
        cookie.append("; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly");
        if (request.isSecure() || (config != null && config.isSecure())) {
            cookie.append("; Secure");
        }
        return List.of(cookie.toString());
    }
}
