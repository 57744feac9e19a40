package dev.securelogout.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two nodes on two ports sharing one store and one secret act as one: a session or token from one
 * is honoured by the other, a logout on one is honoured by the other at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TwoNodesContract {

    private final ExampleApp first = new ExampleApp();
    private final ExampleApp second = new ExampleApp();
    int portA;
    int portB;

    /** The configuration both nodes share (port 0). */
    abstract AppConfig config();

    @BeforeAll
    void start() throws Exception {
        AppConfig config = config();
        portA = first.start(config);
        portB = second.start(config);
    }

    @AfterAll
    void stop() {
        first.stop();
        second.stop();
    }

    @Test
    @DisplayName("a session started on one node is honoured by the other; a logout on the other ends it on both")
    void sessionAcrossNodes() {
        TestClient onA = new TestClient(portA, HttpSurfaceContract.FIREFOX);
        assertEquals(303, onA.login("alice", "alice-password", true).statusCode());
        TestClient onB = onA.on(portB);
        assertTrue(HttpSurfaceContract.isHome(onB.get("/")));
        assertEquals(303, onB.post("/logout", Map.of()).statusCode());
        assertEquals(303, onA.get("/").statusCode(), "node A refuses the session and the remember-me token at once");
    }

    @Test
    @DisplayName("logout everywhere on one node ends the user's sessions held through the other")
    void everywhereAcrossNodes() {
        TestClient laptop = new TestClient(portA, HttpSurfaceContract.FIREFOX);
        laptop.login("bob", "bob-password", false);
        TestClient phone = new TestClient(portB, HttpSurfaceContract.CHROME_MAC);
        phone.login("bob", "bob-password", false);
        assertEquals(303, laptop.post("/logout/everywhere", Map.of()).statusCode());
        assertEquals(303, phone.get("/").statusCode());
    }

    @Test
    @DisplayName("a page open on one node gets event: logout within a second after a logout everywhere on the other")
    void noticeAcrossNodes() throws Exception {
        TestClient laptop = new TestClient(portA, HttpSurfaceContract.FIREFOX);
        laptop.login("alice", "alice-password", false);
        TestClient phone = new TestClient(portB, HttpSurfaceContract.CHROME_MAC);
        phone.login("alice", "alice-password", false);
        CompletableFuture<String> event = phone.openEvents();
        Instant sent = Instant.now();
        assertEquals(303, laptop.post("/logout/everywhere", Map.of()).statusCode());
        assertEquals("event: logout", event.get(5, TimeUnit.SECONDS));
        Duration took = Duration.between(sent, Instant.now());
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "within a second, took " + took);
    }

    @Test
    @DisplayName("tokens issued by one node work on the other; revoked on one, refused by the other")
    void tokensAcrossNodes() throws Exception {
        TestClient apiA = new TestClient(portA, "curl/8.0");
        TestClient apiB = new TestClient(portB, "curl/8.0");
        Map<String, Object> pair = JSONObjectUtils.parse(apiA.postJson("/api/token",
                "{\"username\":\"alice\",\"password\":\"alice-password\"}").body());
        String bearer = "Bearer " + pair.get("access_token");
        assertEquals(200, apiB.get("/api/me", "Authorization", bearer).statusCode());
        HttpResponse<String> refreshed = apiB.postJson("/api/token/refresh", "{\"refresh_token\":\"" + pair.get("refresh_token") + "\"}");
        assertEquals(200, refreshed.statusCode());
        String newRefresh = (String) JSONObjectUtils.parse(refreshed.body()).get("refresh_token");
        assertEquals(204, apiA.postJson("/api/logout", "{\"refresh_token\":\"" + newRefresh + "\"}", "Authorization", bearer).statusCode());
        assertEquals(401, apiB.get("/api/me", "Authorization", bearer).statusCode());
        assertEquals(400, apiB.postJson("/api/token/refresh", "{\"refresh_token\":\"" + newRefresh + "\"}").statusCode());
    }
}
