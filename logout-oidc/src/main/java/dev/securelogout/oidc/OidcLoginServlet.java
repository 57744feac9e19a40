package dev.securelogout.oidc;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;

/**
 * {@code GET} of the sign-in start ({@code /login/oidc}) or of the callback
 * ({@code /login/oidc/callback}): {@link OidcLogin#start} or {@link OidcLogin#finish}. Other
 * methods: 405 with {@code Allow: GET}. Thread-safe.
 */
public final class OidcLoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient OidcLogin login;
    /** Whether this servlet finishes sign-ins rather than starting them. */
    private final boolean callback;

    private OidcLoginServlet(OidcLogin login, boolean callback) {
        this.login = Objects.requireNonNull(login, "login");
        this.callback = callback;
    }

    /**
     * The servlet that starts a sign-in.
     *
     * @param login the sign-in flow
     * @return the servlet for {@code /login/oidc}
     */
    public static OidcLoginServlet start(OidcLogin login) {
        return new OidcLoginServlet(login, false);
    }

    /**
     * The servlet of the callback, at the client's redirect URI.
     *
     * @param login the sign-in flow
     * @return the servlet for the callback path
     */
    public static OidcLoginServlet callback(OidcLogin login) {
        return new OidcLoginServlet(login, true);
    }

    /** Dispatches a {@code GET}; any other method is 405. */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        } else if (callback) {
            login.finish(request, response);
        } else {
            login.start(request, response);
        }
    }
}
