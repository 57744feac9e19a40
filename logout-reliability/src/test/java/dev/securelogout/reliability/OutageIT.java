package dev.securelogout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.NewSession;
import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutStep;
import dev.securelogout.tck.http.Poll;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Store outages over real HTTP: the in-memory stores switched off, PostgreSQL cut off behind a TCP
 * proxy (the shared server keeps running), a test-owned {@code redis-server} killed with SIGKILL and
 * restarted (with an fsynced AOF, and without persistence). While the store is down a logout still
 * clears the client and answers as usual, the failure is logged (audit {@code outcome=FAILED}) and
 * counted ({@code LogoutOutcome.failedSteps}); protected checks fail closed (503); after it, nothing
 * revoked before the outage is accepted again.
 */
class OutageIT {

    private final Tally tally = Tally.forTest();

    /** How long a live credential may still be admitted from a near cache after the store went down. */
    private static Duration cacheBound(Backend backend) {
        return backend instanceof RedisBackend ? RedisBackend.STALENESS : Duration.ZERO;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securelogout.reliability.Backends#withVolatileRedis")
    void logoutClearsTheClientDuringAnOutageChecksFailClosedAndNothingRevokedComesBack(String name,
            Function<Clock, Backend> backends) throws Exception {
        try (Backend backend = backends.apply(Clock.systemUTC()); App app = new App(backend, tally);
             StderrCapture log = new StderrCapture()) {
            NewSession s1 = app.login("alice");
            NewSession s2 = app.login("alice");
            NewSession s3 = app.login("alice");
            String a1 = app.accessToken("alice");
            String a2 = app.accessToken("alice");
            String r1 = app.refreshToken("alice");
            String r2 = app.refreshToken("alice");
            HttpResponse<String> normal = app.post("/logout", "", "Cookie", app.cookie(app.login("bob")));

            // revoked before the outage
            assertEquals(303, app.post("/logout", "", "Cookie", app.cookie(s1), "Authorization", "Bearer " + a1).statusCode());
            assertEquals(200, app.post("/oauth/revoke", "token=" + r1).statusCode());
            assertRevoked(app, s1, a1, r1);
            assertEquals(200, app.get("/private/page", "Cookie", app.cookie(s3)).statusCode());
            assertEquals(200, app.get("/api/data", "Authorization", "Bearer " + a2).statusCode());

            app.fault();
            long downAt = System.nanoTime();
            int eventsBefore = app.events.size();
            HttpResponse<String> logout = app.post("/logout", "", "Cookie", app.cookie(s2));
            assertEquals(normal.statusCode(), logout.statusCode(), "a logout answers as usual");
            assertEquals(headersWithoutDate(normal), headersWithoutDate(logout), "to the header");
            assertEquals(3, logout.headers().allValues("Set-Cookie").size(), "the session, remember-me and container cookies are cleared");
            LogoutEvent failed = new ArrayList<>(app.events).get(eventsBefore);
            assertTrue(failed.failedSteps().contains(LogoutStep.SESSION_STORE), "the failure is counted: " + failed.failedSteps());
            assertTrue(log.text().contains("outcome=FAILED"), "the audit line says FAILED");

            awaitFailClosed(app, backend, downAt, "/private/page", "Cookie", app.cookie(s3));
            awaitFailClosed(app, backend, downAt, "/api/data", "Authorization", "Bearer " + a2);
            assertEquals(503, app.post("/oauth/token", "grant_type=refresh_token&refresh_token=" + r2).statusCode());
            assertEquals(503, app.post("/account/logout-everywhere", "", "Cookie", app.cookie(s3)).statusCode());
            assertNeverAccepted(app, s1, a1, r1);

            app.endFault();
            Poll.until(Duration.ofSeconds(15), "the store answers again", () ->
                    app.get("/private/page", "Cookie", app.cookie(s1)).statusCode() != 503);
            assertRevoked(app, s1, a1, r1);
            if (backend.durable()) {
                assertEquals(200, app.get("/private/page", "Cookie", app.cookie(s3)).statusCode(), "nothing live was lost");
                assertEquals(200, app.get("/api/data", "Authorization", "Bearer " + a2).statusCode());
                assertEquals(303, app.get("/private/page", "Cookie", app.cookie(s2)).statusCode(),
                        "a logout during the outage is refused on this node, and retried until the store takes it");
            } else {
                assertEquals(303, app.get("/private/page", "Cookie", app.cookie(s3)).statusCode(), "a crash without persistence logs everyone out");
                assertEquals(401, app.get("/api/data", "Authorization", "Bearer " + a2).statusCode(),
                        "the lost denylist is covered by a new epoch: every earlier access token is refused");
            }
        }
        assertEquals(0, tally.revokedAccepted.get());
        assertEquals(0, tally.unexpected5xx.get());
        tally.print("outage " + name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securelogout.reliability.Backends#withVolatileRedis")
    void revokedCredentialsStayRefusedThroughRepeatedOutagesUnderLoad(String name, Function<Clock, Backend> backends)
            throws Exception {
        int outages = 3;
        int requestsPerPhase = 150;
        Map<String, Integer> answers = new TreeMap<>();
        try (Backend backend = backends.apply(Clock.systemUTC()); App app = new App(backend, tally)) {
            NewSession revoked = app.login("alice");
            String revokedToken = app.accessToken("alice");
            NewSession live = app.login("alice");
            String forged = app.engine.sessionCookie().name() + "=" + "A".repeat(11) + "." + "B".repeat(43);
            assertEquals(303, app.post("/logout", "", "Cookie", app.cookie(revoked), "Authorization", "Bearer " + revokedToken).statusCode());

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong sent = new AtomicLong();
            List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    for (long i = 0; !stop.get(); i++) {
                        HttpResponse<String> r;
                        String what;
                        switch ((int) ((i + worker) % 4)) {
                            case 0 -> {
                                what = "revoked session";
                                r = app.get("/private/page", "Cookie", app.cookie(revoked));
                            }
                            case 1 -> {
                                what = "revoked access token";
                                r = app.get("/api/data", "Authorization", "Bearer " + revokedToken);
                            }
                            case 2 -> {
                                what = "live session";
                                r = app.get("/private/page", "Cookie", app.cookie(live));
                            }
                            default -> {
                                what = "logout";
                                r = app.post("/logout", "", "Cookie", i % 8 < 4 ? forged : app.cookie(revoked));
                                if (r.statusCode() != 303 || r.headers().allValues("Set-Cookie").size() != 3) {
                                    wrong.add("a logout answered " + r.statusCode() + " " + r.headers().allValues("Set-Cookie"));
                                }
                            }
                        }
                        if (what.startsWith("revoked") && r.statusCode() == 200) {
                            tally.revokedAccepted();
                        }
                        synchronized (answers) {
                            answers.merge(what + " " + r.statusCode(), 1, Integer::sum);
                        }
                        sent.incrementAndGet();
                    }
                    return null;
                }));
            }
            try {
                for (int o = 0; o < outages; o++) {
                    awaitRequests(sent, requestsPerPhase);
                    app.fault();
                    awaitRequests(sent, requestsPerPhase);
                    app.endFault();
                }
                awaitRequests(sent, requestsPerPhase);
            } finally {
                stop.set(true);
                for (Future<?> worker : workers) {
                    worker.get(60, TimeUnit.SECONDS);
                }
                pool.shutdownNow();
            }
            assertEquals(List.of(), wrong.size() > 5 ? wrong.subList(0, 5) : wrong);
        }
        System.out.println("RELIABILITY outages under load on " + name + " (what status=count): " + answers);
        assertEquals(0, tally.revokedAccepted.get(), "no revoked credential accepted, ever");
        assertEquals(0, tally.unexpected5xx.get(), "every 5xx was a fail-closed 503 during an outage");
        tally.print("outages under load " + name + " outages=" + outages);
    }

    private static void awaitRequests(AtomicLong sent, int more) {
        long target = sent.get() + more;
        Poll.until(Duration.ofSeconds(60), more + " more requests", () -> sent.get() >= target);
    }

    /** Live credentials are refused with 503 at the latest once a near cache's bound has passed since the fault. */
    private void awaitFailClosed(App app, Backend backend, long downAt, String path, String... headers) {
        Duration bound = cacheBound(backend);
        Poll.until(bound.plus(Duration.ofSeconds(2)), path + " fails closed", () -> {
            int status = app.get(path, headers).statusCode();
            assertTrue(status == 503 || status == 200, path + " answered " + status + " while the store was down");
            return status == 503;
        });
        Duration took = Duration.ofNanos(System.nanoTime() - downAt);
        System.out.println("RELIABILITY " + backend.name() + ": " + path + " failed closed " + took.toMillis()
                + " ms after the fault (near-cache bound " + bound.toMillis() + " ms)");
    }

    private void assertRevoked(App app, NewSession session, String accessToken, String refreshToken) {
        assertEquals(303, app.get("/private/page", "Cookie", app.cookie(session)).statusCode());
        assertEquals(401, app.get("/api/data", "Authorization", "Bearer " + accessToken).statusCode());
        assertEquals(400, app.post("/oauth/token", "grant_type=refresh_token&refresh_token=" + refreshToken).statusCode());
    }

    private void assertNeverAccepted(App app, NewSession session, String accessToken, String refreshToken) {
        for (HttpResponse<String> r : List.of(app.get("/private/page", "Cookie", app.cookie(session)),
                app.get("/api/data", "Authorization", "Bearer " + accessToken),
                app.post("/oauth/token", "grant_type=refresh_token&refresh_token=" + refreshToken))) {
            if (r.statusCode() == 200) {
                tally.revokedAccepted();
            }
        }
    }

    private static Map<String, List<String>> headersWithoutDate(HttpResponse<?> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("date");
        return headers;
    }
}
