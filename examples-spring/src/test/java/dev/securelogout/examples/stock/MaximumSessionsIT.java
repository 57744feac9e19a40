package dev.securelogout.examples.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.securelogout.tck.http.HttpSurfaceContract;
import dev.securelogout.tck.http.TestClient;
import dev.securelogout.testkit.services.Services;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring Security's own {@code maximumSessions(1)} across two nodes sharing PostgreSQL, through the
 * starter's store-backed {@code SessionRegistry}: a second device signing in on the other node ends
 * the first one's session, or, with {@code maxSessionsPreventsLogin(true)}, is refused.
 */
class MaximumSessionsIT {

    private static final String URL = Services.postgresqlUrl();

    private final String prefix = Services.randomPrefix("sm") + "_";
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        nodes.forEach(ConfigurableApplicationContext::close);
        Services.dropTables(Services.postgresql(), prefix);
    }

    /** Two nodes on one store and one secret. */
    private List<URI> twoNodes(boolean refuseLogin) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Map<String, Object> properties = Map.of("spring.datasource.url", URL, "securelogout.jdbc.table-prefix", prefix,
                "securelogout.jdbc.initialize-schema", true, "securelogout.secret", Base64.getEncoder().encodeToString(secret),
                "stock.maximum-sessions", 1, "stock.refuse-login", refuseLogin);
        List<URI> bases = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ConfigurableApplicationContext node = StockApps.start(properties);
            nodes.add(node);
            bases.add(StockApps.base(node));
        }
        return bases;
    }

    @Test
    @DisplayName("maximumSessions(1): signing in on node B ends the session held on node A")
    void secondDeviceEndsTheFirst() {
        List<URI> node = twoNodes(false);
        TestClient laptop = new TestClient(node.get(0), HttpSurfaceContract.FIREFOX);
        assertEquals(303, laptop.login("alice", "alice-password", false).statusCode());
        assertEquals(200, laptop.get("/").statusCode());
        TestClient phone = new TestClient(node.get(1), HttpSurfaceContract.CHROME_MAC);
        assertEquals(303, phone.login("alice", "alice-password", false).statusCode());
        assertEquals(200, phone.get("/").statusCode());
        assertEquals(303, laptop.get("/").statusCode(), "the first device's session ended in the store");
        assertEquals(303, laptop.on(node.get(1)).get("/").statusCode(), "on both nodes");
    }

    @Test
    @DisplayName("maximumSessions(1).maxSessionsPreventsLogin(true): signing in on node B is refused while node A's session lives")
    void secondDeviceIsRefused() {
        List<URI> node = twoNodes(true);
        TestClient laptop = new TestClient(node.get(0), HttpSurfaceContract.FIREFOX);
        assertEquals(303, laptop.login("alice", "alice-password", false).statusCode());
        TestClient phone = new TestClient(node.get(1), HttpSurfaceContract.CHROME_MAC);
        HttpResponse<String> refused = phone.login("alice", "alice-password", false);
        assertEquals(303, refused.statusCode());
        assertEquals("/login?error", refused.headers().firstValue("Location").orElseThrow());
        assertFalse(phone.cookies.containsKey(HttpSurfaceContract.SESSION_COOKIE));
        assertEquals(200, laptop.get("/").statusCode());
        assertEquals(303, laptop.post("/logout", Map.of()).statusCode());
        assertEquals(303, phone.login("alice", "alice-password", false).statusCode(), "after the logout the phone may sign in");
        assertEquals(200, phone.get("/").statusCode());
    }
}
