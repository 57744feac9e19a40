package dev.securelogout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.NewSession;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bounded mixed load ({@code -Dsoak.minutes}, five by default; only with {@code -P soak}) on
 * PostgreSQL and on Redis, over real HTTP: logins, protected requests by cookie and by bearer,
 * refreshes (the spent token tried again), logouts, logouts everywhere, token revocation, for a fixed
 * population of users. Zero errors and zero revoked credentials accepted; heap and store footprint
 * (Redis keys, PostgreSQL rows after a purge) flat at the end, once access tokens issued during the
 * run have expired and their denylist entries are gone.
 */
class SoakIT {

    private static final int WORKERS = 6;
    private static final int USERS_PER_WORKER = 50;
    private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(30);
    private static final Pattern REFRESH = Pattern.compile("\"refresh_token\":\"([^\"]+)\"");

    private final Tally tally = Tally.forTest();

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> stores() {
        return Backends.all().filter(a -> !"memory".equals(a.get()[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aBoundedMixedLoadHasNoErrorsAcceptsNothingRevokedAndStaysFlat(String name, Function<Clock, Backend> backends)
            throws Exception {
        Duration length = Duration.ofMinutes(Long.getLong("soak.minutes", 5));
        long deadline = System.nanoTime() + length.toNanos();
        long midpoint = System.nanoTime() + length.toNanos() * 2 / 5;
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicLong cycles = new AtomicLong();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapMid;
        long footprintMid;
        long heapEnd;
        long footprintEnd;
        try (Backend backend = backends.apply(Clock.systemUTC()); App app = new App(backend, tally, ACCESS_TOKEN_LIFETIME)) {
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    for (long n = 0; System.nanoTime() < deadline; n++) {
                        cycle(app, "soak-" + worker + "-" + (n % USERS_PER_WORKER), n % 3 == 0, errors);
                        cycles.incrementAndGet();
                    }
                    return null;
                }));
            }
            Poll.until(length, "the midpoint", () -> System.nanoTime() >= midpoint);
            heapMid = usedHeapAfterGc(memory);
            footprintMid = backend.footprint();
            for (Future<?> worker : workers) {
                worker.get(length.toMinutes() + 2, TimeUnit.MINUTES);
            }
            pool.shutdownNow();
            // the denylist entries of the last tokens expire with them (Redis keeps a key a minute longer)
            Duration drain = ACCESS_TOKEN_LIFETIME.plus(Duration.ofSeconds(75));
            Poll.until(drain.plus(Duration.ofSeconds(30)), "the store's footprint is back to the midpoint's",
                    () -> backend.footprint() <= footprintMid);
            footprintEnd = backend.footprint();
            heapEnd = usedHeapAfterGc(memory);
        }
        System.out.println("RELIABILITY soak " + name + ": " + length.toMinutes() + " min, " + cycles + " user cycles, errors="
                + errors.size() + ", heap MB mid=" + heapMid / 1_048_576 + " end=" + heapEnd / 1_048_576
                + ", store records mid=" + footprintMid + " end=" + footprintEnd);
        tally.print("soak " + name);
        assertEquals(List.of(), errors.size() > 10 ? errors.subList(0, 10) : errors);
        assertEquals(0, tally.revokedAccepted.get());
        assertEquals(0, tally.unexpected5xx.get());
        assertTrue(heapEnd <= heapMid * 3 / 2 + 32 * 1_048_576L, "heap flat: " + heapMid + " -> " + heapEnd);
    }

    /** One user's visit: log in twice, use it, refresh, log out (or out everywhere); every old credential refused after. */
    private void cycle(App app, String user, boolean everywhere, List<String> errors) {
        NewSession web = app.login(user);
        NewSession other = app.login(user);
        String access = app.accessToken(user);
        String refresh = app.refreshToken(user);
        for (int i = 0; i < 3; i++) {
            expect(errors, "protected page", 200, app.get("/private/page", "Cookie", app.cookie(web)));
        }
        expect(errors, "protected api", 200, app.get("/api/data", "Authorization", "Bearer " + access));
        HttpResponse<String> rotated = app.post("/oauth/token", "grant_type=refresh_token&refresh_token=" + refresh);
        expect(errors, "refresh", 200, rotated);
        revokedRefused(errors, "spent refresh token", 400, app.post("/oauth/token", "grant_type=refresh_token&refresh_token=" + refresh));
        Matcher next = REFRESH.matcher(rotated.body());
        if (next.find()) {
            revokedRefused(errors, "refresh token of a family ended by reuse", 400,
                    app.post("/oauth/token", "grant_type=refresh_token&refresh_token=" + next.group(1)));
        }
        if (everywhere) {
            expect(errors, "logout everywhere", 303, app.post("/account/logout-everywhere", "", "Cookie", app.cookie(other)));
        } else {
            expect(errors, "logout", 303, app.post("/logout", "", "Cookie", app.cookie(web), "Authorization", "Bearer " + access));
            expect(errors, "logout", 303, app.post("/logout", "", "Cookie", app.cookie(other)));
        }
        revokedRefused(errors, "logged-out session", 303, app.get("/private/page", "Cookie", app.cookie(web)));
        revokedRefused(errors, "logged-out session", 303, app.get("/private/page", "Cookie", app.cookie(other)));
        revokedRefused(errors, "logged-out access token", 401, app.get("/api/data", "Authorization", "Bearer " + access));
    }

    private static void expect(List<String> errors, String what, int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            errors.add(what + " answered " + response.statusCode() + " instead of " + status);
        }
    }

    private void revokedRefused(List<String> errors, String what, int status, HttpResponse<String> response) {
        if (response.statusCode() == 200) {
            tally.revokedAccepted();
        }
        expect(errors, what, status, response);
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
