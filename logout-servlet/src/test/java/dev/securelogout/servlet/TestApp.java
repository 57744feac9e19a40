package dev.securelogout.servlet;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.tck.MutableClock;
import dev.securelogout.tck.StoreOutage;
import dev.securelogout.tck.http.RawHttp;
import dev.securelogout.testkit.http.PlainHttp;
import dev.securelogout.testkit.jetty.EmbeddedApp;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * An application on embedded Jetty 12 (port 0) with every filter of this module mapped, an
 * in-memory engine on a test clock whose stores can be switched off, and an HTTP client that
 * follows no redirects.
 *
 * <pre>
 * /logout            LogoutFilter (with the bearer verifier)
 * /private/*         SessionGuardFilter, then the echo servlet
 * /*                 TrustedProxiesFilter (trusting {@value #PROXY})
 * /account/*         SessionGuardFilter, ReauthenticationFilter (password {@value #PASSWORD}), SessionEndpointsFilter
 * /admin/*           SessionGuardFilter, AdminEndpointsFilter (users path /admin/users, operator {@value #OPERATOR})
 * /api/*             BearerGuardFilter, then the echo servlet
 * /oauth/revoke      TokenRevocationFilter
 * </pre>
 */
final class TestApp implements AutoCloseable {

    /** The one trusted proxy. */
    static final String PROXY = "127.0.0.2";
    /** Every user's password, for the re-authentication filter. */
    static final String PASSWORD = "the-password";
    /** The user the admin endpoints admit. */
    static final String OPERATOR = "root";
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T10:00:00Z"));
    final StoreOutage outage = new StoreOutage();
    final TestTokens tokens = new TestTokens(clock);
    final LogoutEngine engine;
    final String contextPath;
    private final EmbeddedApp app;
    private final PlainHttp http = new PlainHttp();
    private final URI base;

    private TestApp(UnaryOperator<LogoutEngine.Builder> engineSettings, LogoutConfig config, String contextPath) {
        this.contextPath = contextPath;
        this.engine = engineSettings.apply(LogoutEngine.builder()
                .sessionStore(outage.wrap(SessionStore.class, InMemoryStores.sessionStore(clock)))
                .persistentTokenStore(outage.wrap(PersistentTokenStore.class, InMemoryStores.persistentTokenStore(clock)))
                .accessTokenDenylist(outage.wrap(AccessTokenDenylist.class, InMemoryStores.accessTokenDenylist(clock)))
                .tokenVersionStore(outage.wrap(TokenVersionStore.class, InMemoryStores.tokenVersionStore()))
                .clock(clock)).build();
        app = EmbeddedApp.builder().sessions().contextPath(contextPath)
                .filter(new TrustedProxiesFilter(TrustedProxies.parse(PROXY)), "/*")
                .filter(new LogoutFilter(engine, tokens, config), "/logout")
                .filter(new BrokenLogout(engine, config), "/logout-broken")
                .filter(new SessionGuardFilter(engine, config), "/private/*")
                .filter(new SessionGuardFilter(engine, config), "/account/*")
                .filter(new ReauthenticationFilter(engine, config, (user, password, request) -> PASSWORD.equals(password)), "/account/*")
                .filter(new SessionEndpointsFilter(engine, config), "/account/*")
                .filter(new SessionGuardFilter(engine, config), "/admin/*")
                .filter(new AdminEndpointsFilter(engine, config, "/admin/users",
                        request -> SecureLogout.session(request).map(s -> s.userId()).filter(OPERATOR::equals)), "/admin/*")
                .filter(new BearerGuardFilter(engine, tokens, config), "/api/*")
                .filter(new TokenRevocationFilter(engine, tokens, config), "/oauth/revoke")
                .servlet(new Echo(), "/*")
                .start();
        base = URI.create(app.base() + ("/".equals(contextPath) ? "" : contextPath));
    }

    static TestApp start() {
        return start(b -> b, LogoutConfig.defaults());
    }

    static TestApp start(UnaryOperator<LogoutEngine.Builder> engineSettings, LogoutConfig config) {
        return new TestApp(engineSettings, config, "/");
    }

    static TestApp start(UnaryOperator<LogoutEngine.Builder> engineSettings, LogoutConfig config, String contextPath) {
        return new TestApp(engineSettings, config, contextPath);
    }

    /** A new session of {@code userId} in Firefox. */
    NewSession login(String userId) {
        return engine.startSession(userId, Device.of(FIREFOX, "127.0.0.1"));
    }

    /** The {@code Cookie} header value that presents {@code session}. */
    String cookie(NewSession session) {
        return engine.sessionCookie().name() + "=" + session.id().value();
    }

    /** The origin of this app as a browser would send it. */
    String origin() {
        return base.getScheme() + "://" + base.getAuthority();
    }

    /** Sends {@code method} to {@code path} (inside the context) with header name/value pairs and an optional form body. */
    HttpResponse<String> send(String method, String path, String body, String... headers) {
        return http.send(http.request(method, URI.create(base + path), body, headers).build());
    }

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    HttpResponse<String> post(String path, String... headers) {
        return send("POST", path, "", headers);
    }

    /** A request written byte for byte on a socket, for what HttpClient refuses to send; the status code. */
    int raw(String requestHead) {
        return RawHttp.exchange(base, requestHead.getBytes(StandardCharsets.ISO_8859_1)).status();
    }

    /** The response headers without Date, names lower case: what must be equal between two "identical" answers. */
    static Map<String, List<String>> headersWithoutDate(HttpResponse<?> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("date");
        return headers;
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            engine.close();
        }
    }

    /** A logout endpoint whose own work always fails: it answers with the fallback, as the LogoutFilter does then. */
    private static final class BrokenLogout extends EngineFilter {
        BrokenLogout(LogoutEngine engine, LogoutConfig config) {
            super(engine, java.util.Optional.empty(), config);
        }

        @Override
        void filter(Wiring w, HttpServletRequest request, HttpServletResponse response, jakarta.servlet.FilterChain chain) {
            throw new IllegalStateException("the engine failed");
        }

        @Override
        void failed(Wiring w, HttpServletRequest request, HttpServletResponse response) {
            w.logout.fallback(request, response);
        }
    }

    /** Says who the request was admitted as; {@code ?http-session} creates, and reports, the container's HttpSession. */
    private static final class Echo extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            StringBuilder out = new StringBuilder();
            SecureLogout.session(request).ifPresent(s -> out.append("user=").append(s.userId()));
            SecureLogout.accessToken(request).ifPresent(c -> out.append("sub=").append(c.subject()));
            if (request.getParameter("http-session") != null) {
                HttpSession existing = request.getSession(false);
                out.append(" http-session=").append(existing == null ? "none" : existing.getAttribute("marker"));
                if (existing == null) {
                    request.getSession(true).setAttribute("marker", "kept");
                }
            }
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().write(out.toString());
        }
    }
}
