package dev.securelogout.reliability;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.RefreshResult;
import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.session.Device;
import dev.securelogout.jwt.JwtIssuer;
import dev.securelogout.jwt.NimbusAccessTokenVerifier;
import dev.securelogout.servlet.BearerGuardFilter;
import dev.securelogout.servlet.LogoutConfig;
import dev.securelogout.servlet.LogoutFilter;
import dev.securelogout.servlet.SecureLogout;
import dev.securelogout.servlet.SessionEndpointsFilter;
import dev.securelogout.servlet.SessionGuardFilter;
import dev.securelogout.servlet.TokenRevocationFilter;
import dev.securelogout.tck.http.RawHttp;
import dev.securelogout.testkit.http.PlainHttp;
import dev.securelogout.testkit.jetty.EmbeddedApp;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application as a user of this library would write it, on embedded Jetty 12 (127.0.0.1, port
 * 0): every filter of {@code logout-servlet} mapped, JWTs from {@code logout-jwt}, the stores of a
 * {@link Backend}, the real clock. Every request sent through it is counted in a {@link Tally}, and
 * every 5xx classified: a 503 while a fault is injected (or across its edges, or in the
 * {@link #RECONNECTION} allowance after it) is the designed fail-closed answer, any other 5xx is
 * unexpected.
 *
 * <pre>
 * POST /logout                  LogoutFilter (session cookie, remember-me, bearer)
 * GET  /private/*               SessionGuardFilter, then the echo servlet
 *      /account/*               SessionGuardFilter, SessionEndpointsFilter (list, revoke, logout everywhere)
 * GET  /api/*                   BearerGuardFilter, then the echo servlet
 * POST /oauth/revoke            TokenRevocationFilter (RFC 7009)
 * POST /oauth/token             the application's refresh endpoint (grant_type=refresh_token)
 * </pre>
 */
final class App implements AutoCloseable {

    static final String ISSUER = "https://auth.reliability.test";
    static final String AUDIENCE = "https://api.reliability.test";
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    /** The engine's secret key; stores that route by partition are given its partition key. */
    static final byte[] SECRET = "reliability-secret-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    final Backend backend;
    final Tally tally;
    final LogoutEngine engine;
    final JwtIssuer issuer;
    /** Every logout event the engine published, in order. */
    final Queue<LogoutEvent> events = new ConcurrentLinkedQueue<>();
    private final EmbeddedApp server;
    private final PlainHttp http = new PlainHttp();
    /** Odd while a fault is injected; changes at every start and end of one. */
    private final AtomicLong faultEpoch = new AtomicLong();
    /** When the last fault ended (System.nanoTime), for the reconnection allowance. */
    private volatile long faultEndedAt = System.nanoTime() - 2 * RECONNECTION.toNanos();
    /** After a store comes back, clients may hold connections the fault broke: a 503 this soon after is still fail-closed. */
    static final Duration RECONNECTION = Duration.ofSeconds(2);

    App(Backend backend, Tally tally) {
        this.backend = backend;
        this.tally = tally;
        Clock clock = Clock.systemUTC();
        this.engine = backend.stores().wire(LogoutEngine.builder())
                .clock(clock)
                .secretKey(SECRET)
                .listener(events::add)
                .build();
        this.issuer = JwtIssuer.withSecret(SECRET).engine(engine).issuer(ISSUER).audience(AUDIENCE).build();
        NimbusAccessTokenVerifier verifier = NimbusAccessTokenVerifier.withSecret(SECRET)
                .issuer(ISSUER).audience(AUDIENCE).clock(clock).build();
        LogoutConfig config = LogoutConfig.defaults();
        server = EmbeddedApp.builder()
                .filter(new LogoutFilter(engine, verifier, config), "/logout")
                .filter(new SessionGuardFilter(engine, config), "/private/*")
                .filter(new SessionGuardFilter(engine, config), "/account/*")
                .filter(new SessionEndpointsFilter(engine, config), "/account/*")
                .filter(new BearerGuardFilter(engine, verifier, config), "/api/*")
                .filter(new TokenRevocationFilter(engine, verifier, config), "/oauth/revoke")
                .servlet(new RefreshEndpoint(engine), "/oauth/token")
                .servlet(new Echo(), "/*")
                .start();
    }

    int port() {
        return server.port();
    }

    String origin() {
        return server.base().toString();
    }

    /** Takes the store down (one fault injected), until {@link #endFault()}. */
    void fault() {
        faultEpoch.incrementAndGet();
        tally.fault();
        backend.down();
    }

    /** Brings the store back. */
    void endFault() {
        backend.up();
        faultEndedAt = System.nanoTime();
        faultEpoch.incrementAndGet();
    }

    /** A new session of {@code userId}, as the application's login would start it. */
    NewSession login(String userId) {
        return engine.startSession(userId, Device.of(FIREFOX, "127.0.0.1"));
    }

    /** The {@code Cookie} header value presenting {@code session}. */
    String cookie(NewSession session) {
        return engine.sessionCookie().name() + "=" + session.id().value();
    }

    /** A fresh signed access token of {@code userId}. */
    String accessToken(String userId) {
        return issuer.issue(userId).value();
    }

    /** A fresh refresh token of {@code userId}. */
    String refreshToken(String userId) {
        return engine.issueRefreshToken(userId).token().value();
    }

    /** Sends a request with header name/value pairs and an optional form body; counted and classified. */
    HttpResponse<String> send(String method, String path, String form, String... headers) {
        HttpRequest request = http.request(method, URI.create(origin() + path), form, headers).build();
        long epoch = faultEpoch.get();
        long startedAt = System.nanoTime();
        HttpResponse<String> response = http.send(request);
        classify(response.statusCode(), epoch, startedAt);
        return response;
    }

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** A same-origin POST of {@code form}. */
    HttpResponse<String> post(String path, String form, String... headers) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Origin";
        all[headers.length + 1] = origin();
        return send("POST", path, form, all);
    }

    /** Writes {@code request} byte for byte on a new connection; counted and classified. */
    RawHttp.Response raw(byte[] request) {
        long epoch = faultEpoch.get();
        long startedAt = System.nanoTime();
        RawHttp.Response response = RawHttp.exchange(server.base(), request);
        classify(response.status(), epoch, startedAt);
        return response;
    }

    private void classify(int status, long epochAtStart, long startedAt) {
        tally.request();
        if (status < 500) {
            return;
        }
        boolean duringFault = epochAtStart % 2 == 1 || faultEpoch.get() != epochAtStart
                || startedAt - faultEndedAt < RECONNECTION.toNanos();
        if (status == 503 && duringFault) {
            tally.failClosed503();
        } else {
            tally.unexpected5xx();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            engine.close();
        }
    }

    /** The application's refresh endpoint: {@code grant_type=refresh_token&refresh_token=…}, RFC 6749 §6 answers. */
    private static final class RefreshEndpoint extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient LogoutEngine engine;

        RefreshEndpoint(LogoutEngine engine) {
            this.engine = engine;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (!"POST".equals(request.getMethod())) {
                response.setHeader("Allow", "POST");
                response.setStatus(405);
                return;
            }
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/json");
            String[] grant = request.getParameterValues("grant_type");
            String[] token = request.getParameterValues("refresh_token");
            if (grant == null || grant.length != 1 || !grant[0].equals("refresh_token") || token == null || token.length != 1) {
                response.setStatus(400);
                response.getWriter().write("{\"error\":\"invalid_request\"}");
                return;
            }
            RefreshResult result = engine.refresh(token[0], Device.of(request.getHeader("User-Agent"), request.getRemoteAddr()));
            switch (result.status()) {
                case ROTATED -> response.getWriter().write("{\"refresh_token\":\"" + result.token().orElseThrow().token().value() + "\"}");
                case UNAVAILABLE -> {
                    response.setStatus(503);
                    response.setHeader("Retry-After", "5");
                }
                default -> {
                    response.setStatus(400);
                    response.getWriter().write("{\"error\":\"invalid_grant\"}");
                }
            }
        }
    }

    /** Says who the request was admitted as. */
    private static final class Echo extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            StringBuilder out = new StringBuilder();
            SecureLogout.session(request).ifPresent(s -> out.append("user=").append(s.userId()));
            SecureLogout.accessToken(request).ifPresent(c -> out.append("sub=").append(c.subject()));
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("text/plain;charset=utf-8");
            response.getWriter().write(out.toString());
        }
    }
}
