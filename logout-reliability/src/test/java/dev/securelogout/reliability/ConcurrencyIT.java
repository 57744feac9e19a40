package dev.securelogout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.NewSession;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Races over real HTTP on each backend: logout everywhere under 200 concurrent requests with the
 * user's sessions, access tokens and refresh tokens; concurrent refreshes of one token; concurrent
 * logouts of one session.
 */
class ConcurrencyIT {

    private static final int CREDENTIALS = 10;
    private static final int REQUESTS = 200;

    private final Tally tally = Tally.forTest();

    /** One request with an old credential: when it started and whether it was let in. */
    private record Attempt(String kind, long startedAt, boolean accepted) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securelogout.reliability.Backends#all")
    void afterLogoutEverywhereReturnsNoOldCredentialIsAcceptedUnder200ConcurrentRequests(String name,
            Function<Clock, Backend> backends) throws Exception {
        try (Backend backend = backends.apply(Clock.systemUTC()); App app = new App(backend, tally)) {
            List<NewSession> sessions = new ArrayList<>();
            List<String> accessTokens = new ArrayList<>();
            List<String> refreshTokens = new ArrayList<>();
            for (int i = 0; i < CREDENTIALS; i++) {
                sessions.add(app.login("carol"));
                accessTokens.add(app.accessToken("carol"));
                refreshTokens.add(app.refreshToken("carol"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(64);
            try {
                CountDownLatch racing = new CountDownLatch(REQUESTS / 4);
                CountDownLatch afterLogout = new CountDownLatch(1);
                List<Future<Attempt>> attempts = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    int n = i;
                    boolean secondHalf = i >= REQUESTS / 2;
                    attempts.add(pool.submit(() -> {
                        if (secondHalf) {
                            afterLogout.await();
                        }
                        racing.countDown();
                        return attempt(app, n, sessions, accessTokens, refreshTokens);
                    }));
                }
                racing.await(30, TimeUnit.SECONDS);
                HttpResponse<String> logoutEverywhere = app.post("/account/logout-everywhere", "keepCurrent=false",
                        "Cookie", app.cookie(sessions.get(0)));
                long returnedAt = System.nanoTime();
                afterLogout.countDown();
                assertEquals(303, logoutEverywhere.statusCode(), "logout everywhere of the current session answers like a logout");

                int acceptedBefore = 0;
                int refusedAfter = 0;
                List<Attempt> acceptedAfter = new ArrayList<>();
                for (Future<Attempt> future : attempts) {
                    Attempt attempt = future.get(60, TimeUnit.SECONDS);
                    if (attempt.startedAt() > returnedAt) {
                        if (attempt.accepted()) {
                            acceptedAfter.add(attempt);
                            tally.revokedAccepted();
                        } else {
                            refusedAfter++;
                        }
                    } else if (attempt.accepted()) {
                        acceptedBefore++;
                    }
                }
                System.out.println("RELIABILITY logout everywhere race on " + name + ": " + REQUESTS + " requests, "
                        + acceptedBefore + " accepted while it ran, " + refusedAfter + " refused after it returned, "
                        + acceptedAfter.size() + " accepted after it returned");
                assertTrue(refusedAfter >= REQUESTS / 2, "every request of the second half started after logout everywhere returned");
                assertEquals(List.of(), acceptedAfter, "no old credential accepted after logout everywhere returned");
                assertEquals(0, tally.unexpected5xx.get());
            } finally {
                pool.shutdownNow();
            }
        }
        tally.print("concurrency logout-everywhere " + name);
    }

    private static Attempt attempt(App app, int n, List<NewSession> sessions, List<String> accessTokens, List<String> refreshTokens) {
        long startedAt = System.nanoTime();
        int which = n % CREDENTIALS;
        return switch (n % 3) {
            case 0 -> new Attempt("session", startedAt,
                    app.get("/private/page", "Cookie", app.cookie(sessions.get(which))).statusCode() == 200);
            case 1 -> new Attempt("access token", startedAt,
                    app.get("/api/data", "Authorization", "Bearer " + accessTokens.get(which)).statusCode() == 200);
            default -> new Attempt("refresh token", startedAt,
                    app.post("/oauth/token", "grant_type=refresh_token&refresh_token=" + refreshTokens.get(which)).statusCode() == 200);
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securelogout.reliability.Backends#all")
    void twoConcurrentRefreshesOfOneTokenBothEndWithTheSameSuccessor(String name, Function<Clock, Backend> backends) throws Exception {
        int rounds = 25;
        try (Backend backend = backends.apply(Clock.systemUTC()); App app = new App(backend, tally)) {
            for (int round = 0; round < rounds; round++) {
                String form = "grant_type=refresh_token&refresh_token=" + app.refreshToken("dave");
                List<HttpResponse<String>> answers = together(2, () -> app.post("/oauth/token", form));
                List<String> bodies = answers.stream().map(HttpResponse::body).toList();
                assertTrue(answers.stream().allMatch(r -> r.statusCode() == 200), "round " + round + ": " + bodies);
                assertEquals(1, bodies.stream().distinct().count(), "one successor, handed to both: round " + round + ": " + bodies);
                String successor = bodies.get(0).replaceAll(".*\"refresh_token\":\"([^\"]+)\".*", "$1");
                assertEquals(200, app.post("/oauth/token", "grant_type=refresh_token&refresh_token=" + successor).statusCode(),
                        "the shared successor works: round " + round);
            }
        }
        tally.print("concurrency refresh " + name + " rounds=" + rounds);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.securelogout.reliability.Backends#all")
    void concurrentLogoutsOfOneSessionEachAnswerLikeALogout(String name, Function<Clock, Backend> backends) throws Exception {
        int clients = 20;
        try (Backend backend = backends.apply(Clock.systemUTC()); App app = new App(backend, tally)) {
            HttpResponse<String> reference = app.post("/logout", "", "Cookie", app.cookie(app.login("erin")));
            NewSession session = app.login("erin");
            List<HttpResponse<String>> answers = together(clients, () -> app.post("/logout", "", "Cookie", app.cookie(session)));
            for (HttpResponse<String> answer : answers) {
                assertEquals(reference.statusCode(), answer.statusCode());
                assertEquals(headersWithoutDate(reference), headersWithoutDate(answer));
            }
            assertEquals(303, app.get("/private/page", "Cookie", app.cookie(session)).statusCode());
            assertTrue(app.events.stream().allMatch(e -> e.failedSteps().isEmpty()), "no logout step failed");
            assertEquals(1, app.events.stream().filter(e -> e.sessionsEnded() == 1).count() - 1,
                    "exactly one of the concurrent logouts ended the session (plus the reference logout)");
        }
        tally.print("concurrency logout " + name + " clients=" + clients);
    }

    /** Runs {@code task} on {@code count} threads released together; the results in order. */
    private static <T> List<T> together(int count, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CyclicBarrier gate = new CyclicBarrier(count);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    gate.await(30, TimeUnit.SECONDS);
                    return task.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, List<String>> headersWithoutDate(HttpResponse<?> response) {
        Map<String, List<String>> headers = new java.util.TreeMap<>(response.headers().map());
        headers.remove("date");
        return headers;
    }
}
