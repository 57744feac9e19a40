package dev.securelogout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.NewSession;
import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.PartitionKey;
import dev.securelogout.tck.http.RawHttp;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * At least 10,000 seeded hostile requests, written byte for byte on sockets, against every endpoint
 * of {@link App} on PostgreSQL: never a 5xx, never a stack trace, an exception or class name, SQL or
 * a driver's message in an answer, never an injected header echoed, never another user's data; and
 * after every batch of 500 (eight attackers in parallel, each with a session of their own) the victim's sessions, access token, refresh token and token version are as they
 * were. The seed is printed; {@code -Dreliability.seed=…} replays a run (the same requests;
 * attacker {@code w} draws from {@code seed + w}), {@code
 * -Dreliability.hostileInputs=…} changes its length.
 */
class HostileInputIT {

    private static final int BATCH = 504;
    private static final int WORKERS = 8;
    /** What an answer must never hold: stack traces, class and package names, SQL, the driver, the database. */
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "Caused by", "java.", "jakarta.", "org.eclipse",
            "org.postgresql", "dev.securelogout", "PSQL", "SQLState", "SQL state", "syntax error", "DELETE FROM", "INSERT INTO",
            "user=victim", "sub=victim", "<script>alert", "<img src=x", "<svg onload");

    private final Tally tally = Tally.forTest();

    @Test
    void hostileInputGetsANormalAnswerOr4xxAndNeverTouchesAnotherUser() throws Exception {
        long seed = Long.getLong("reliability.seed", new SecureRandom().nextLong());
        int perWorker = Integer.getInteger("reliability.hostileInputs", 10_000) / WORKERS;
        System.out.println("RELIABILITY hostile input: seed=" + seed + " (replay with -Dreliability.seed=" + seed + ")");
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> statuses = new ConcurrentSkipListMap<>();
        try (PostgresBackend backend = new PostgresBackend(Clock.systemUTC()); App app = new App(backend, tally)) {
            Victim victim = new Victim(app);
            CyclicBarrier batchEnd = new CyclicBarrier(WORKERS, victim::assertIntact);
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    String attacker = "mallory" + w;
                    Hostile hostile = new Hostile(seed + w, new Hostile.Targets(victim.handle,
                            PartitionKey.of(App.SECRET).partitionOf("victim"), "victim", app.port()));
                    workers.add(pool.submit(() -> {
                        NewSession session = app.login(attacker);
                        for (int i = 1; i <= perWorker; i++) {
                            Hostile.Input input = hostile.next(app.cookie(session));
                            RawHttp.Response response = app.raw(input.bytes());
                            tally.hostileInput();
                            statuses.merge(input.kind() + " " + response.status(), 1, Integer::sum);
                            String problem = problem(response, victim.handle);
                            if (problem != null && failures.size() < 20) {
                                failures.add(attacker + " #" + i + " " + problem + " <- " + input);
                            }
                            if (input.path().contains("logout") || input.path().contains("revoke")) {
                                session = app.login(attacker);
                            }
                            if (i % (BATCH / WORKERS) == 0) {
                                batchEnd.await(60, TimeUnit.SECONDS);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            victim.assertIntact();
        }
        System.out.println("RELIABILITY hostile input answers (kind status=count): " + statuses);
        tally.print("hostile input seed=" + seed);
        assertTrue(failures.isEmpty(), "seed " + seed + ":\n" + String.join("\n", failures));
        assertEquals(0, tally.unexpected5xx.get(), "seed " + seed);
    }

    /** What is wrong with an answer to a hostile request, or null. */
    private static String problem(RawHttp.Response response, String victimHandle) {
        if (response.status() == 0) {
            return "no HTTP answer";
        }
        if (response.status() >= 500) {
            return "answered " + response.status();
        }
        for (String leak : LEAKS) {
            if (response.text().contains(leak)) {
                return "answer holds \"" + leak.strip() + "\"";
            }
        }
        int endOfHead = response.text().indexOf("\r\n\r\n");
        String head = endOfHead < 0 ? response.text() : response.text().substring(0, endOfHead);
        if (head.toLowerCase(java.util.Locale.ROOT).contains("evil")) {
            return "an injected header came back";
        }
        if (response.status() == 200 && response.text().contains(victimHandle)) {
            return "the victim's session handle was listed";
        }
        return null;
    }

    /** A user the attacker never holds a credential of; every batch checks nothing of theirs changed. */
    private static final class Victim {
        private final App app;
        private final List<NewSession> sessions = new ArrayList<>();
        private final String handle;
        private final String accessToken;
        private final Credential refreshToken;
        private final long tokenVersion;

        Victim(App app) {
            this.app = app;
            for (int i = 0; i < 3; i++) {
                sessions.add(app.login("victim"));
            }
            handle = sessions.get(0).session().handle();
            accessToken = app.accessToken("victim");
            refreshToken = Credential.parse(app.refreshToken("victim")).orElseThrow();
            tokenVersion = app.engine.tokenState("victim").version();
        }

        void assertIntact() {
            for (NewSession session : sessions) {
                HttpResponse<String> page = app.get("/private/page", "Cookie", app.cookie(session));
                assertEquals(200, page.statusCode(), "the victim's session still works");
                assertEquals("user=victim", page.body());
            }
            HttpResponse<String> api = app.get("/api/data", "Authorization", "Bearer " + accessToken);
            assertEquals(200, api.statusCode(), "the victim's access token still works");
            assertEquals(3, app.backend.stores().sessions().findByUser("victim").size(), "the victim has all three sessions");
            assertTrue(app.backend.stores().tokens().find(refreshToken.key()).isPresent(), "the victim's refresh token is active");
            assertEquals(tokenVersion, app.engine.tokenState("victim").version(), "the victim's token version is unchanged");
        }
    }
}
