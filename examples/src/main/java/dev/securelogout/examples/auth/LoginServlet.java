package dev.securelogout.examples.auth;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.SessionLimitReachedException;
import dev.securelogout.examples.web.Html;
import dev.securelogout.examples.web.Http;
import dev.securelogout.servlet.SecureLogout;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /login} shows the form (with a "You have been logged out" notice after a logout);
 * {@code POST /login} checks {@code username} and {@code password}, starts a session (and a
 * remember-me series when {@code remember=on}) and sends the browser home. Wrong credentials get
 * the form again with 401 and no session; a login beyond the session limit under
 * {@code SESSION_LIMIT_POLICY=refuse} gets 409 ({@code {"error": "session_limit_reached"}} for a
 * JSON client) and changes nothing; too many failures of the account or from the address get
 * 429 with {@code Retry-After}, the same whether the account exists or not. Thread-safe.
 */
public final class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LoginServlet.class);
    private static final String PROVIDER_SIGN_IN = """
            <form method="get" action="/login/oidc" class="stack">
            <button type="submit" class="primary">Sign in with your provider</button>
            </form>""";

    private final transient LogoutEngine engine;
    private final transient LoginAttempts logins;
    /** Whether the page offers the sign-in through the OpenID Connect provider. */
    private final boolean providerSignIn;

    /** The login endpoint over {@code engine}, checking passwords through {@code logins}. */
    public LoginServlet(LogoutEngine engine, LoginAttempts logins) {
        this(engine, logins, false);
    }

    /**
     * The same, whose page also offers "Sign in with your provider" ({@code GET /login/oidc}) when {@code providerSignIn}.
     *
     * @param engine         the engine that starts the sessions
     * @param logins         the throttled password check
     * @param providerSignIn whether to offer the provider's sign-in
     */
    public LoginServlet(LogoutEngine engine, LoginAttempts logins, boolean providerSignIn) {
        this.engine = engine;
        this.logins = logins;
        this.providerSignIn = providerSignIn;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String notice = request.getParameter("logout") != null
                ? "<p class=\"notice\" role=\"status\">You have been logged out.</p>" : "";
        Http.html(response, HttpServletResponse.SC_OK, form(notice + (providerSignIn ? PROVIDER_SIGN_IN : "")));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LoginAttempts.Result attempt = logins.attempt(Http.param(request, "username"), Http.param(request, "password"),
                request.getRemoteAddr());
        if (attempt instanceof LoginAttempts.Throttled throttled) {
            tooManyAttempts(request, response, throttled);
            return;
        }
        if (!(attempt instanceof LoginAttempts.Allowed allowed)) {
            refuse(request, response);
            return;
        }
        Optional<String> user = Optional.of(allowed.userId());
        NewSession session;
        try {
            session = SecureLogout.login(engine, request, response, user.get());
        } catch (SessionLimitReachedException e) {
            refuse(request, response, HttpServletResponse.SC_CONFLICT, "session_limit_reached",
                    "You are signed in on too many devices. Sign out on one of them (Devices page) and try again.");
            return;
        } catch (RuntimeException e) {
            LOG.warn("login unavailable: {}", e.toString());
            Http.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "temporarily_unavailable");
            return;
        }
        if ("on".equals(request.getParameter("remember"))) {
            try {
                response.addHeader("Set-Cookie", engine.rememberMeCookie().setCookie(
                        engine.issueRememberMe(session.session()).token().value(), engine.rememberMeLifetime()));
            } catch (RuntimeException e) {
                LOG.warn("signed in without remember-me, the store did not take the series: {}", e.toString());
            }
        }
        if (Http.wantsJson(request)) {
            Http.json(response, HttpServletResponse.SC_OK, Map.of("user", user.get()));
        } else {
            Http.seeOther(response, "/");
        }
    }

    /**
     * The answer to wrong credentials: 401 with the form and its error, or
     * {@code {"error": "invalid_credentials"}} for a JSON client; no session, no cookie. Also the
     * Spring example's login failure answer.
     */
    public static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, "invalid_credentials", "Wrong user name or password.");
    }

    /**
     * The answer to a throttled login: 429 with {@code Retry-After}, the form and its notice, or
     * {@code {"error": "too_many_attempts"}} for a JSON client. Also the Spring example's.
     */
    public static void tooManyAttempts(HttpServletRequest request, HttpServletResponse response, LoginAttempts.Throttled throttled)
            throws IOException {
        response.setHeader("Retry-After", throttled.retryAfterSeconds());
        refuse(request, response, 429, "too_many_attempts", "Too many failed sign-ins. Try again in "
                + throttled.retryAfterSeconds() + " seconds.");
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String code, String message)
            throws IOException {
        if (Http.wantsJson(request)) {
            Http.error(response, status, code);
        } else {
            Http.html(response, status, form("<p class=\"error\" role=\"alert\">" + Html.escape(message) + "</p>"));
        }
    }

    private static String form(String message) {
        return Html.page("Sign in", Optional.empty(), """
                <section class="card narrow">
                <h1>Sign in</h1>
                %s
                <form method="post" action="/login" class="stack">
                <label>User name <input name="username" autocomplete="username" required maxlength="64" autofocus></label>
                <label>Password <input name="password" type="password" autocomplete="current-password" required maxlength="256"></label>
                <label class="check"><input type="checkbox" name="remember" value="on"> Remember me on this device</label>
                <button type="submit" class="primary">Sign in</button>
                </form>
                <p class="hint">Demo users: <code>alice</code> / <code>alice-password</code> and <code>bob</code> / <code>bob-password</code>.</p>
                </section>""".formatted(message));
    }
}
