package dev.securelogout.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.tck.TcpProxy;
import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.HttpSurfaceContract;
import dev.securelogout.tck.http.Json;
import dev.securelogout.tck.http.Poll;
import dev.securelogout.tck.http.TestClient;
import dev.securelogout.testkit.services.Services;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees of a Redis outage on the example app: the node reaches the shared Redis
 * through a proxy the test cuts for ten seconds (the shared Redis itself is never touched).
 */
class RedisOutageOperationsIT {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    /** The outage lasts until at least this many requests failed, so that a line per request would show. */
    private static final int MIN_REQUESTS = 60;

    private final String prefix = Services.randomPrefix("ex-");
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private TcpProxy proxy;
    private RunningApp node;
    private HttpApp app;

    @BeforeEach
    void start() throws Exception {
        originalErr = System.err;
        System.setErr(new PrintStream(new Tee(originalErr, log), true, StandardCharsets.UTF_8));
        URI redis = URI.create(Services.redisUrl());
        proxy = new TcpProxy(redis.getHost(), redis.getPort());
        AppConfig shared = Redis.redis(prefix, AppConfig.inMemory().secret());
        node = new RunningApp(new AppConfig(0, AppConfig.Store.REDIS, Optional.empty(), shared.jdbcTablePrefix(),
                Optional.of("redis://" + redis.getHost() + ":" + proxy.port()), prefix, shared.secret(), shared.accessTokenLifetime()));
        app = node.http();
    }

    @AfterEach
    void stop() {
        node.close();
        proxy.close();
        System.setErr(originalErr);
        Services.deleteKeys(prefix);
    }

    @Test
    @DisplayName("Redis unreachable for ten seconds: unavailable checks rise, pending revocations rise then fall to zero, "
            + "/health is 503 then 200, and the log has one start line and one end line, not a line per request")
    void outageAsAnOperatorSeesIt() {
        TestClient browser = signedIn();
        TestClient leaving = signedIn();
        assertTrue(HttpSurfaceContract.isHome(browser.get("/")));
        assertTrue(HttpSurfaceContract.isHome(browser.get("/")), "a second check, served by the near cache");
        HttpResponse<String> healthy = browser.get("/health");
        assertEquals(200, healthy.statusCode(), healthy.body());
        assertEquals(Map.of("status", "UP", "pendingRevocations", 0L, "checks", Map.of("sessions", "UP",
                "persistentTokens", "UP", "denylist", "UP", "tokenVersions", "UP", "redisEpoch", "UP")), Json.object(healthy.body()));
        String before = metrics(browser);
        assertTrue(value(before, "securelogout_nearcache_gets_total", "cache=\"sessions\"", "result=\"hit\"") >= 1, before);
        int logStart = log.size();

        proxy.cut();
        Instant end = Instant.now().plus(OUTAGE);
        assertEquals(503, browser.get("/").statusCode());
        double unavailableEarly = value(metrics(browser), "securelogout_checks_total", "kind=\"session\"", "result=\"unavailable\"");
        assertTrue(unavailableEarly >= 1, "unavailable checks counted");
        HttpResponse<String> logout = leaving.post("/logout", Map.of());
        assertTrue(logout.statusCode() == 303 || logout.statusCode() == 503, "logout answered " + logout.statusCode());
        int[] requests = {1};
        // a request every 50 ms for the whole outage: each must fail closed
        Poll.until(OUTAGE.plusSeconds(60), Duration.ofMillis(50), () -> {
            assertEquals(503, browser.get("/").statusCode(), "fail closed during the outage");
            return ++requests[0] >= MIN_REQUESTS && !Instant.now().isBefore(end);
        }, () -> "the outage's requests took too long");
        String during = metrics(browser);
        assertTrue(value(during, "securelogout_checks_total", "kind=\"session\"", "result=\"unavailable\"") > unavailableEarly,
                "unavailable checks rise: " + during);
        assertTrue(value(during, "securelogout_revocations_pending") > 0, "the logout's revocations are pending: " + during);
        assertTrue(value(during, "securelogout_revocations_total", "event=\"queued\"") > 0, during);
        HttpResponse<String> down = browser.get("/health");
        assertEquals(503, down.statusCode(), down.body());
        assertEquals("DOWN", Json.object(down.body()).get("status"));

        proxy.restore();
        await(() -> value(metrics(browser), "securelogout_revocations_pending") == 0, "pending revocations back to zero");
        await(() -> browser.get("/health").statusCode() == 200, "/health is 200 again");
        await(() -> log().substring(logStart).contains("stores answer again"), "the outage's end is logged");
        String after = metrics(browser);
        assertTrue(value(after, "securelogout_revocations_total", "event=\"retry_succeeded\"") > 0, after);
        assertTrue(value(after, "securelogout_store_calls_seconds_count", "operation=\"find\"", "outcome=\"unavailable\"",
                "store=\"sessions\"") > 0, after);
        assertTrue(HttpSurfaceContract.isHome(browser.get("/")), "the session works again");
        assertTrue(HttpSurfaceContract.toLogin(leaving.get("/")), "the session logged out during the outage stays ended");

        String outageLog = log().substring(logStart);
        assertEquals(1, count(outageLog, "WARN dev.securelogout.store - store "), "one start line:\n" + outageLog);
        assertEquals(1, count(outageLog, "INFO dev.securelogout.store - stores answer again"), "one end line:\n" + outageLog);
        assertEquals(0, count(outageLog, "still unavailable"), "no summary within the first minute:\n" + outageLog);
        long lines = outageLog.lines().count();
        assertTrue(lines < MIN_REQUESTS / 2, requests[0] + " requests, " + lines + " lines: no line per request:\n" + outageLog);
    }

    private TestClient signedIn() {
        TestClient client = new TestClient(app.base(), HttpSurfaceContract.FIREFOX);
        assertEquals(303, client.login(app.first(), false).statusCode());
        return client;
    }

    private static String metrics(TestClient client) {
        HttpResponse<String> metrics = client.get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return metrics.body();
    }

    /** The value of the sample {@code name} whose labels include each of {@code labels}; fails when there is none. */
    private static double value(String metrics, String name, String... labels) {
        Matcher sample = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        while (sample.find()) {
            String found = sample.group(1) == null ? "" : sample.group(1);
            if (Arrays.stream(labels).allMatch(found::contains)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        throw new AssertionError("no sample " + name + Arrays.toString(labels) + " in:\n" + metrics);
    }

    private String log() {
        synchronized (log) {
            return log.toString(StandardCharsets.UTF_8);
        }
    }

    /** How many lines of {@code log} contain {@code part}. */
    private static long count(String log, String part) {
        return log.lines().filter(line -> line.contains(part)).count();
    }

    private static void await(BooleanSupplier condition, String what) {
        Poll.until(Duration.ofSeconds(60), Duration.ofMillis(100), condition, () -> "not within 60 s: " + what);
    }

    /** Writes to the console and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            synchronized (copy) {
                copy.write(b);
            }
            try {
                console.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            synchronized (copy) {
                copy.write(bytes, offset, length);
            }
            console.write(bytes, offset, length);
        }
    }
}
