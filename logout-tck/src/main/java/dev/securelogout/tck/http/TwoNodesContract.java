package dev.securelogout.tck.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two nodes of one app sharing one store and one secret act as one: a session or token from one
 * is honoured by the other, a logout on one is honoured by the other within its staleness bound
 * ({@link #PROPAGATION}: at once without a near cache, within the near cache's bound with one), and
 * a page open on one hears of a logout on the other within a second. One hook, {@link #nodes()}; the subclass
 * starts and stops the nodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TwoNodesContract {

    /** For subclasses, one per implementation under test. */
    protected TwoNodesContract() {
    }

    /**
     * How long a logout on one node may take to be honoured by the other: the near cache's default
     * staleness bound (one second) and slack for a loaded machine. Without a near cache it is at once.
     */
    public static final Duration PROPAGATION = Duration.ofSeconds(3);

    /**
     * The two nodes, already started, with the same demo users.
     *
     * @return the two nodes
     */
    protected abstract List<HttpApp> nodes();

    private HttpApp a() {
        return nodes().get(0);
    }

    private HttpApp b() {
        return nodes().get(1);
    }

    @Test
    @DisplayName("a session started on one node is honoured by the other; a logout on the other ends it on both")
    void sessionAcrossNodes() {
        TestClient onA = new TestClient(a().base(), HttpSurfaceContract.FIREFOX);
        assertEquals(303, onA.login(a().first(), true).statusCode());
        TestClient onB = onA.on(b().base());
        assertTrue(HttpSurfaceContract.isHome(onB.get("/")));
        assertEquals(303, onB.post("/logout", Map.of()).statusCode());
        assertEventually(303, () -> onA.get("/"), "node A refuses the session and the remember-me token");
    }

    @Test
    @DisplayName("logout everywhere on one node ends the user's sessions held through the other")
    void everywhereAcrossNodes() {
        TestClient laptop = new TestClient(a().base(), HttpSurfaceContract.FIREFOX);
        laptop.login(a().second(), false);
        TestClient phone = new TestClient(b().base(), HttpSurfaceContract.CHROME_MAC);
        phone.login(a().second(), false);
        assertEquals(303, laptop.post("/logout/everywhere", Map.of()).statusCode());
        assertEventually(303, () -> phone.get("/"), "the other node ends the phone's session");
    }

    @Test
    @DisplayName("a page open on one node gets event: logout within a second after a logout everywhere on the other")
    void noticeAcrossNodes() throws Exception {
        TestClient laptop = new TestClient(a().base(), HttpSurfaceContract.FIREFOX);
        laptop.login(a().first(), false);
        TestClient phone = new TestClient(b().base(), HttpSurfaceContract.CHROME_MAC);
        phone.login(a().first(), false);
        CompletableFuture<String> event = phone.openEvents();
        Instant sent = Instant.now();
        assertEquals(303, laptop.post("/logout/everywhere", Map.of()).statusCode());
        assertEquals("event: logout", event.get(5, TimeUnit.SECONDS));
        Duration took = Duration.between(sent, Instant.now());
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "within a second, took " + took);
    }

    @Test
    @DisplayName("tokens issued by one node work on the other; revoked on one, refused by the other")
    void tokensAcrossNodes() {
        TestClient apiA = new TestClient(a().base(), "curl/8.0");
        TestClient apiB = new TestClient(b().base(), "curl/8.0");
        Map<String, Object> pair = Json.object(apiA.postJson("/api/token", HttpSurfaceContract.credentials(a().first())).body());
        String bearer = "Bearer " + pair.get("access_token");
        assertEquals(200, apiB.get("/api/me", "Authorization", bearer).statusCode());
        HttpResponse<String> refreshed = apiB.postJson("/api/token/refresh", "{\"refresh_token\":\"" + pair.get("refresh_token") + "\"}");
        assertEquals(200, refreshed.statusCode());
        String newRefresh = (String) Json.object(refreshed.body()).get("refresh_token");
        assertEquals(204, apiA.postJson("/api/logout", "{\"refresh_token\":\"" + newRefresh + "\"}", "Authorization", bearer).statusCode());
        assertEventually(401, () -> apiB.get("/api/me", "Authorization", bearer), "node B refuses the access token");
        assertEquals(400, apiB.postJson("/api/token/refresh", "{\"refresh_token\":\"" + newRefresh + "\"}").statusCode());
    }

    /** Asks until the answer is {@code status}, for at most {@link #PROPAGATION}; fails saying {@code what}. */
    private static void assertEventually(int status, Supplier<HttpResponse<String>> request, String what) {
        int[] answer = new int[1];
        Poll.until(PROPAGATION, Duration.ofMillis(50), () -> (answer[0] = request.get().statusCode()) == status,
                () -> what + " within " + PROPAGATION.toMillis() + " ms ==> expected: <" + status + "> but was: <" + answer[0] + ">");
    }
}
