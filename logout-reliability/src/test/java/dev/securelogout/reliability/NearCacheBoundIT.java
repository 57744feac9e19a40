package dev.securelogout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.NewSession;
import dev.securelogout.tck.http.Poll;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two application nodes with near caches over one test-owned Redis: what one node revokes, the
 * other refuses within the near cache's staleness bound, also across a SIGKILL and restart of Redis.
 */
class NearCacheBoundIT {

    /**
     * What observing the bound costs on top of it: the polling requests' own round trips, a few
     * milliseconds on a quiet machine, a few hundred on a loaded two-core CI machine.
     */
    private static final Duration OBSERVATION = Duration.ofMillis(500);
    private static final Duration BOUND = RedisBackend.STALENESS.plus(OBSERVATION);

    private final Tally tally = Tally.forTest();

    @Test
    void aRevocationOnOneNodeIsRefusedOnTheOtherWithinTheStalenessBoundAlsoAfterACrash() {
        Clock clock = Clock.systemUTC();
        try (RedisBackend first = new RedisBackend(clock, true); RedisBackend second = first.anotherNode(clock);
             App a = new App(first, tally); App b = new App(second, tally)) {
            for (int round = 0; round < 2; round++) {
                NewSession session = a.login("frank");
                String token = a.accessToken("frank");
                assertEquals(200, a.get("/private/page", "Cookie", a.cookie(session)).statusCode(), "now cached on node A");
                assertEquals(200, a.get("/api/data", "Authorization", "Bearer " + token).statusCode());
                assertEquals(303, b.post("/logout", "", "Cookie", b.cookie(session), "Authorization", "Bearer " + token).statusCode());
                long loggedOutAt = System.nanoTime();
                Poll.until(BOUND, "node A refuses the session node B ended", () ->
                        a.get("/private/page", "Cookie", a.cookie(session)).statusCode() == 303);
                Poll.until(BOUND, "node A refuses the access token node B denied", () ->
                        a.get("/api/data", "Authorization", "Bearer " + token).statusCode() == 401);
                Duration lag = Duration.ofNanos(System.nanoTime() - loggedOutAt);
                System.out.println("RELIABILITY near cache: node A refused " + lag.toMillis() + " ms after node B's logout (bound "
                        + RedisBackend.STALENESS.toMillis() + " ms), round " + round);
                assertTrue(lag.compareTo(BOUND) <= 0, "refused " + lag.toMillis() + " ms after the logout");
                if (round == 0) {
                    a.fault();
                    a.endFault();
                    Poll.until(Duration.ofSeconds(10), "both subscriptions are back", () -> first.subscribed() && second.subscribed());
                    Poll.until(Duration.ofSeconds(10), "node A reconnected", () ->
                            a.get("/private/page", "Cookie", a.cookie(session)).statusCode() != 503);
                    assertEquals(303, a.get("/private/page", "Cookie", a.cookie(session)).statusCode(), "still refused after the crash");
                }
            }
        }
        assertEquals(0, tally.unexpected5xx.get());
        tally.print("near cache bound");
    }
}
