package dev.securelogout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.examples.AppConfig;
import dev.securelogout.examples.ExampleApp;
import dev.securelogout.tck.http.Poll;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bounded mixed load ({@code -Dsoak.minutes}, five by default; only with {@code -P soak}) on the
 * example app ({@link ExampleApp}, in this process, on 127.0.0.1) over its real HTTP surface, with
 * {@code LOGOUT_STORE=jdbc} on PostgreSQL and {@code LOGOUT_STORE=redis}: form logins (with and
 * without remember-me) and {@code POST /api/token}; protected requests ({@code GET /} by cookie,
 * {@code GET /api/me} by bearer); refreshes; logouts ({@code POST /logout}, {@code POST /api/logout})
 * and logouts everywhere ({@code POST /logout/everywhere}, {@code POST /api/logout/everywhere}).
 * Every credential a logout ended is presented again at once (and older ones again later, all run
 * long) and must be refused. Zero errors and zero revoked credentials accepted; heap and store
 * footprint (Redis keys under the prefix, PostgreSQL rows after a purge) flat at the end, once the
 * access tokens issued during the run have expired and every denylist entry is gone.
 *
 * <p>The demo has two users, {@code alice} and {@code bob}, each worked by {@link #WORKERS_PER_USER}
 * workers; a logout everywhere would end the other workers' credentials of its user in mid-cycle,
 * so it runs alone for its user (a write lock) while the single logouts share it (a read lock).
 */
class SoakIT {

    private static final List<String> USERS = List.of("alice", "bob");
    private static final int WORKERS_PER_USER = 3;
    /** Revoked credentials each worker keeps presenting again, the oldest dropped first. */
    private static final int REMEMBERED = 64;
    private static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofSeconds(30);
    /** The Redis denylist key outlives its token by a minute (the store's clock decides); the purge is immediate. */
    private static final Duration DRAIN = ACCESS_TOKEN_LIFETIME.plus(Duration.ofSeconds(75));
    private static final Pattern ACCESS = Pattern.compile("\"access_token\":\"([^\"]+)\"");
    private static final Pattern REFRESH = Pattern.compile("\"refresh_token\":\"([^\"]+)\"");

    private final Tally tally = Tally.forTest();

    /** How a cycle ends its credentials. */
    private enum Ending {
        /** {@code POST /logout} for the browser, {@code POST /api/logout} for the API client. */
        LOGOUT,
        /** {@code POST /logout/everywhere} from the browser. */
        WEB_EVERYWHERE,
        /** {@code POST /api/logout/everywhere} from the API client. */
        API_EVERYWHERE
    }

    /** A credential a logout ended, and how to present it again: any 200 is a revoked credential accepted. */
    private record Revoked(String what, int refusal, Function<ExampleClient, HttpResponse<String>> use) {
    }

    static Stream<Arguments> stores() {
        return Stream.of(Arguments.of("postgresql", (Supplier<SoakStore>) SoakStore::postgres),
                Arguments.of("redis", (Supplier<SoakStore>) SoakStore::redis));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aBoundedMixedLoadOnTheExampleAppHasNoErrorsAcceptsNothingRevokedAndStaysFlat(String name, Supplier<SoakStore> stores)
            throws Exception {
        Duration length = Duration.ofMinutes(Long.getLong("soak.minutes", 5));
        long deadline = System.nanoTime() + length.toNanos();
        long midpoint = System.nanoTime() + length.toNanos() * 2 / 5;
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicLong cycles = new AtomicLong();
        AtomicLong revokedPresented = new AtomicLong();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapMid;
        long footprintMid;
        long heapEnd;
        long footprintEnd;
        long denylistedMid;
        long denylistedEnd;
        try (SoakStore store = stores.get()) {
            ExampleApp app = new ExampleApp();
            int port = app.start(store.config(AppConfig.inMemory().secret(), ACCESS_TOKEN_LIFETIME));
            try {
                ExecutorService pool = Executors.newFixedThreadPool(USERS.size() * WORKERS_PER_USER);
                List<Future<?>> workers = new ArrayList<>();
                for (String user : USERS) {
                    ReadWriteLock everywhere = new ReentrantReadWriteLock(true);
                    for (int w = 0; w < WORKERS_PER_USER; w++) {
                        workers.add(pool.submit(() -> {
                            Deque<Revoked> revoked = new ArrayDeque<>();
                            for (long n = 0; System.nanoTime() < deadline; n++) {
                                Ending ending = n % 6 == 0 ? Ending.WEB_EVERYWHERE : n % 6 == 3 ? Ending.API_EVERYWHERE : Ending.LOGOUT;
                                Lock lock = ending == Ending.LOGOUT ? everywhere.readLock() : everywhere.writeLock();
                                lock.lock();
                                try {
                                    cycle(port, user, ending, n % 2 == 1, revoked, errors, revokedPresented);
                                } finally {
                                    lock.unlock();
                                }
                                cycles.incrementAndGet();
                            }
                            return null;
                        }));
                    }
                }
                Poll.until(length, "the midpoint", () -> System.nanoTime() >= midpoint);
                heapMid = usedHeapAfterGc(memory);
                footprintMid = store.footprint();
                denylistedMid = store.denylisted();
                for (Future<?> worker : workers) {
                    worker.get(length.toMinutes() + 2, TimeUnit.MINUTES);
                }
                pool.shutdownNow();
                // every access token of the run expires, and its denylist entry with it
                Poll.until(DRAIN.plus(Duration.ofSeconds(30)), "no denylist entry left, the footprint back to the midpoint's",
                        () -> store.denylisted() == 0 && store.footprint() <= footprintMid);
                footprintEnd = store.footprint();
                denylistedEnd = store.denylisted();
                heapEnd = usedHeapAfterGc(memory);
            } finally {
                app.stop();
            }
        }
        System.out.println("RELIABILITY soak " + name + ": " + length.toMinutes() + " min, " + cycles + " user cycles, "
                + revokedPresented + " revoked credentials presented, errors=" + errors.size() + ", heap MB mid="
                + heapMid / 1_048_576 + " end=" + heapEnd / 1_048_576 + ", store records mid=" + footprintMid + " end="
                + footprintEnd + ", denylist entries mid=" + denylistedMid + " end=" + denylistedEnd);
        tally.print("soak " + name);
        assertEquals(List.of(), errors.size() > 10 ? errors.subList(0, 10) : errors);
        assertEquals(0, tally.revokedAccepted.get());
        assertEquals(0, tally.unexpected5xx.get());
        assertTrue(revokedPresented.get() > 0, "revoked credentials were presented");
        assertTrue(heapEnd <= heapMid * 3 / 2 + 32 * 1_048_576L, "heap flat: " + heapMid + " -> " + heapEnd);
    }

    /**
     * One visit of {@code user}: a browser signs in (with remember-me when {@code remember}), an API
     * client gets a token pair; both use them, the pair is refreshed; {@code ending} ends them. Every
     * credential ended is presented again at once and then joins {@code revoked}, whose oldest
     * is presented again too.
     */
    private void cycle(int port, String user, Ending ending, boolean remember, Deque<Revoked> revoked, List<String> errors,
                       AtomicLong presented) {
        ExampleClient browser = new ExampleClient(port, tally);
        Map<String, String> login = remember
                ? Map.of("username", user, "password", user + "-password", "remember", "on")
                : Map.of("username", user, "password", user + "-password");
        expect(errors, "form login", 303, browser.form("/login", login));
        ExampleClient api = new ExampleClient(port, tally);
        String credentials = "{\"username\":\"" + user + "\",\"password\":\"" + user + "-password\"}";
        HttpResponse<String> pair = api.json("/api/token", credentials);
        expect(errors, "token login", 200, pair);
        String access = field(ACCESS, pair);
        String refresh = field(REFRESH, pair);
        for (int i = 0; i < 3; i++) {
            expect(errors, "protected page", 200, browser.get("/"));
            expect(errors, "protected api", 200, api.get("/api/me", "Authorization", "Bearer " + access));
        }
        HttpResponse<String> rotated = api.json("/api/token/refresh", refreshBody(refresh));
        expect(errors, "refresh", 200, rotated);
        String rotatedAccess = field(ACCESS, rotated);
        String rotatedRefresh = field(REFRESH, rotated);
        expect(errors, "protected api after refresh", 200, api.get("/api/me", "Authorization", "Bearer " + rotatedAccess));

        Map<String, String> jar = browser.cookies();
        List<Revoked> ended = new ArrayList<>();
        switch (ending) {
            case LOGOUT -> {
                expect(errors, "logout", 303, browser.form("/logout", Map.of()));
                expect(errors, "api logout", 204, api.json("/api/logout", refreshBody(rotatedRefresh),
                        "Authorization", "Bearer " + rotatedAccess));
            }
            case WEB_EVERYWHERE -> expect(errors, "logout everywhere", 303, browser.form("/logout/everywhere", Map.of()));
            case API_EVERYWHERE -> expect(errors, "api logout everywhere", 204,
                    api.json("/api/logout/everywhere", "{}", "Authorization", "Bearer " + rotatedAccess));
        }
        ended.add(new Revoked("logged-out session cookie" + (remember ? " and remember-me cookie" : ""), 303,
                c -> c.holding(jar).get("/")));
        ended.add(new Revoked("logged-out access token", 401, c -> c.get("/api/me", "Authorization", "Bearer " + rotatedAccess)));
        ended.add(new Revoked("logged-out refresh token", 400, c -> c.json("/api/token/refresh", refreshBody(rotatedRefresh))));
        ended.add(new Revoked("spent refresh token of a logged-out family", 400, c -> c.json("/api/token/refresh", refreshBody(refresh))));
        if (ending != Ending.LOGOUT) {
            ended.add(new Revoked("access token of a user logged out everywhere", 401,
                    c -> c.get("/api/me", "Authorization", "Bearer " + access)));
        }
        ExampleClient stranger = new ExampleClient(port, tally);
        for (Revoked credential : ended) {
            present(credential, stranger, errors, presented);
            revoked.addLast(credential);
        }
        while (revoked.size() > REMEMBERED) {
            revoked.removeFirst();
        }
        Revoked oldest = revoked.removeFirst();
        present(oldest, stranger, errors, presented);
        revoked.addLast(oldest);
    }

    private void present(Revoked credential, ExampleClient client, List<String> errors, AtomicLong presented) {
        HttpResponse<String> response = credential.use().apply(client);
        presented.incrementAndGet();
        if (response.statusCode() == 200) {
            tally.revokedAccepted();
        }
        expect(errors, credential.what(), credential.refusal(), response);
    }

    private static void expect(List<String> errors, String what, int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            errors.add(what + " answered " + response.statusCode() + " instead of " + status);
        }
    }

    /** The field of a token answer; an empty string (refused later, and counted then) when it is missing. */
    private static String field(Pattern pattern, HttpResponse<String> response) {
        Matcher matcher = pattern.matcher(response.body());
        return matcher.find() ? matcher.group(1) : "";
    }

    private static String refreshBody(String refreshToken) {
        return "{\"refresh_token\":\"" + refreshToken + "\"}";
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
