package dev.securelogout.examples;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.throttle.LoginThrottle;
import dev.securelogout.examples.account.AccountServlet;
import dev.securelogout.examples.api.AccessTokens;
import dev.securelogout.examples.api.TokenApiServlet;
import dev.securelogout.examples.auth.LoginAttempts;
import dev.securelogout.examples.auth.LoginServlet;
import dev.securelogout.examples.auth.ReauthenticateServlet;
import dev.securelogout.examples.auth.Users;
import dev.securelogout.examples.devices.DeviceEndpoints;
import dev.securelogout.examples.devices.DevicesServlet;
import dev.securelogout.examples.home.HomeServlet;
import dev.securelogout.examples.oidc.OidcRoutes;
import dev.securelogout.examples.oidc.OidcSettings;
import dev.securelogout.examples.ops.EngineHealthServlet;
import dev.securelogout.examples.ops.MetricsServlet;
import dev.securelogout.examples.web.Assets;
import dev.securelogout.examples.web.ErrorPages;
import dev.securelogout.examples.web.HealthServlet;
import dev.securelogout.examples.web.SecurityHeadersFilter;
import dev.securelogout.micrometer.MicrometerEngineMonitor;
import dev.securelogout.servlet.AdminEndpointsFilter;
import dev.securelogout.servlet.BearerGuardFilter;
import dev.securelogout.servlet.LogoutConfig;
import dev.securelogout.servlet.LogoutFilter;
import dev.securelogout.servlet.LogoutScriptServlet;
import dev.securelogout.servlet.ReauthenticationFilter;
import dev.securelogout.servlet.SecureLogout;
import dev.securelogout.servlet.SessionEventStreams;
import dev.securelogout.servlet.SessionEventsServlet;
import dev.securelogout.servlet.SessionGuardFilter;
import dev.securelogout.servlet.TokenRevocationFilter;
import dev.securelogout.servlet.TrustedProxiesFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runnable demo: every secure-logout feature behind a small web UI and a token API, on
 * embedded Jetty bound to 127.0.0.1. {@link #main} reads the environment ({@link AppConfig#fromEnv});
 * tests call {@link #start(AppConfig)} and {@link #stop()}. One instance runs one node at a time;
 * not thread-safe to start and stop concurrently.
 */
public final class ExampleApp {

    private static final Logger LOG = LoggerFactory.getLogger(ExampleApp.class);
    /** Paths that need a live session; everything else is public. "" is the root page only. */
    private static final List<String> GUARDED = List.of("", "/sessions", "/sessions/*", "/account", "/account/*",
            "/logout/everywhere", "/events", ReauthenticateServlet.PATH, "/admin/*");
    /** The sensitive changes whose {@code password} field re-authenticates (logout-servlet's ReauthenticationFilter). */
    private static final List<String> REAUTHENTICATING = List.of("/sessions/*", "/logout/everywhere", "/account/*",
            ReauthenticateServlet.PATH);
    /** The admin endpoints' users path: {@code /admin/users/{user}/sessions} and the rest. */
    static final String ADMIN_USERS_PATH = "/admin/users";
    /** Where the browser goes after logout: the login page with its "You have been logged out" notice. */
    static final String LOGOUT_REDIRECT = "/login?logout";
    /**
     * The logout-servlet filters' settings for this surface: the devices list and revocation under
     * {@code /sessions}, logout everywhere at {@code /logout/everywhere}, back to the devices page
     * after a change that keeps the browser signed in; the token API and the event stream are
     * API clients (401, never a redirect); sessions come back from remember-me cookies.
     */
    static final LogoutConfig WEB = LogoutConfig.builder()
            .loginPath("/login")
            .accountPage(DeviceEndpoints.SESSIONS_PATH)
            .sessionsPath(DeviceEndpoints.SESSIONS_PATH)
            .logoutEverywherePath("/logout/everywhere")
            .apiPaths(List.of("/api/", "/events"))
            .rememberMe(true)
            .build();

    private Server server;
    private SessionEventStreams streams;
    private AutoCloseable resources;
    private LogoutEngine engine;

    /** Runs one node configured by the environment until the process is stopped. */
    public static void main(String[] args) throws Exception {
        AppConfig config;
        PolicyConfig policy;
        Optional<OidcSettings> oidc;
        try {
            config = AppConfig.fromEnv(System.getenv());
            policy = PolicyConfig.fromEnv(System.getenv());
            oidc = OidcSettings.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("secure-logout example: " + e.getMessage());
            System.exit(2);
            return;
        }
        ExampleApp app = new ExampleApp();
        int port = app.start(config, policy, oidc);
        LOG.info("secure-logout example on http://127.0.0.1:{}/ ({}, {})", port, config, policy);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "shutdown"));
        app.server.join();
    }

    /**
     * Starts a node with the default {@link PolicyConfig}.
     *
     * @param config where it listens and which store it uses
     * @return the port it listens on (the chosen one when the configuration says 0)
     * @throws IllegalStateException when already started
     * @throws Exception             when the store or the port cannot be opened
     */
    public int start(AppConfig config) throws Exception {
        return start(config, PolicyConfig.defaults(), Optional.empty());
    }

    /**
     * Starts a node with a session policy.
     *
     * @param config where it listens and which store it uses
     * @param policy the session limit, the re-authentication window and the trusted proxies
     * @return the port it listens on (the chosen one when the configuration says 0)
     * @throws IllegalStateException when already started
     * @throws Exception             when the store or the port cannot be opened
     */
    public int start(AppConfig config, PolicyConfig policy) throws Exception {
        return start(config, policy, Optional.empty());
    }

    /**
     * Starts a node with a session policy that also signs users in through the OpenID Connect
     * provider of {@code oidc}, when given ({@link OidcRoutes}); without it, exactly {@link
     * #start(AppConfig, PolicyConfig)}.
     *
     * @param config where it listens and which store it uses
     * @param policy the session limit, the re-authentication window and the trusted proxies
     * @param oidc   the provider's settings, when the app signs in through one
     * @return the port it listens on (the chosen one when the configuration says 0)
     * @throws IllegalStateException when already started
     * @throws Exception             when the store or the port cannot be opened
     */
    public synchronized int start(AppConfig config, PolicyConfig policy, Optional<OidcSettings> oidc) throws Exception {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Backend backend = Backend.open(config, derive(config.secret(), "secure-logout engine key"),
                new MicrometerEngineMonitor(metrics));
        LogoutEngine engine = backend.engine().logoutRedirect(LOGOUT_REDIRECT)
                .sessionLimit(policy.sessionLimit()).reauthenticationWindow(policy.reauthenticationWindow())
                .accessTokenLifetime(config.accessTokenLifetime()).build(); // a revoked grant is denied as long as its tokens live, no longer
        AccessTokens accessTokens = new AccessTokens(engine, derive(config.secret(), "secure-logout access token key"),
                config.accessTokenLifetime());
        Users users = Users.demo();
        LoginAttempts logins = new LoginAttempts(users, LoginThrottle.defaults());
        SessionEventStreams events = new SessionEventStreams(backend.notifier());

        Server jetty = new Server();
        jetty.setErrorHandler(new ErrorPages());
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(config.port());
        jetty.addConnector(connector);
        Optional<OidcRoutes> provider = oidc.map(o -> OidcRoutes.of(o, o.appUrl().orElseGet(() -> ownUrl(connector)), engine,
                "/", LOGOUT_REDIRECT));

        ServletContextHandler context = new ServletContextHandler("/");
        context.setErrorHandler(new ErrorPages());
        filter(context, new TrustedProxiesFilter(policy.trustedProxies()), "/*");
        filter(context, new SecurityHeadersFilter(), "/*");
        filter(context, new SessionGuardFilter(engine, WEB), GUARDED.toArray(String[]::new));
        filter(context, new ReauthenticationFilter(engine, WEB, (user, password, request) ->
                logins.attempt(user, password, request.getRemoteAddr()) instanceof LoginAttempts.Allowed),
                REAUTHENTICATING.toArray(String[]::new));
        filter(context, new AdminEndpointsFilter(engine, WEB, ADMIN_USERS_PATH, request ->
                SecureLogout.session(request).map(Session::userId).filter(Users.ADMIN::equals)), "/admin/*");
        filter(context, new DeviceEndpoints(engine, WEB), "/sessions", "/sessions/*", "/logout/everywhere");
        provider.ifPresent(p -> filter(context, p.logout(), "/logout"));
        filter(context, new LogoutFilter(engine, accessTokens, WEB), "/logout");
        filter(context, new BearerGuardFilter(engine, provider.map(p -> p.alsoAcceptingProviderTokens(accessTokens))
                .orElse(accessTokens), WEB), "/api/me", "/api/logout/everywhere");
        filter(context, new TokenRevocationFilter(engine, accessTokens, WEB), "/oauth/revoke");
        add(context, new HomeServlet(), "");
        add(context, new LoginServlet(engine, logins, provider.isPresent()), "/login");
        add(context, new DevicesServlet(engine), "/sessions", "/sessions/*");
        add(context, new AccountServlet(engine, users), "/account", "/account/*");
        add(context, new TokenApiServlet(engine, logins, accessTokens), "/api/*");
        add(context, new SessionEventsServlet(engine, events), "/events");
        add(context, new HealthServlet(), "/healthz");
        add(context, new EngineHealthServlet(engine), "/health");
        add(context, new MetricsServlet(metrics), "/metrics");
        add(context, new ReauthenticateServlet(engine), ReauthenticateServlet.PATH);
        add(context, new Assets(), Assets.PREFIX + "*");
        add(context, new LogoutScriptServlet(), Assets.LOGOUT_SCRIPT);
        provider.ifPresent(p -> {
            p.servlets().forEach((path, servlet) -> add(context, servlet, path));
            context.setSessionHandler(OidcRoutes.sessionHandler());
        });
        jetty.setHandler(context);
        jetty.setStopTimeout(2_000);
        try {
            jetty.start();
        } catch (Exception e) {
            connector.close();
            events.close();
            engine.close();
            backend.resources().close();
            throw e;
        }
        this.server = jetty;
        this.engine = engine;
        this.streams = events;
        this.resources = backend.resources();
        return connector.getLocalPort();
    }

    /** Stops the node: closes the event streams, the server, the engine's retries and the store connections. Harmless when not started. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        streams.close();
        try {
            server.stop();
            engine.close();
            resources.close();
        } catch (Exception e) {
            LOG.warn("stop: {}", e.toString());
        }
        server = null;
    }

    /** How many Server-Sent Events streams are open on this node (for tests that wait for a page to listen). */
    synchronized int openEventStreams() {
        return streams == null ? 0 : streams.size();
    }

    /** {@code http://127.0.0.1:<port>}, the port bound now so that the provider's redirect URIs can name it. */
    private static URI ownUrl(ServerConnector connector) {
        try {
            connector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    /** A key of its own for each use of the one configured secret: HMAC-SHA256(secret, label). */
    private static byte[] derive(String secret, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /** Maps {@code filter} over {@code paths}, in the order of the calls. */
    private static void filter(ServletContextHandler context, Filter filter, String... paths) {
        FilterHolder holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        for (String path : paths) {
            context.addFilter(holder, path, EnumSet.of(DispatcherType.REQUEST));
        }
    }

    private static void add(ServletContextHandler context, HttpServlet servlet, String... paths) {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        for (String path : paths) {
            context.addServlet(holder, path);
        }
    }
}
