package dev.securelogout.examples.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.tck.http.HttpSurfaceContract;
import dev.securelogout.tck.http.Json;
import dev.securelogout.tck.http.TestClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/** The stock form-login app with the starter and one {@code .with(secureLogout(), withDefaults())}, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockAppIT {

    private ConfigurableApplicationContext app;
    private URI base;

    @BeforeAll
    void start() {
        app = StockApps.start(Map.of());
        base = StockApps.base(app);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private TestClient signedIn(String userAgent) {
        TestClient client = new TestClient(base, userAgent);
        HttpResponse<String> login = client.login("alice", "alice-password", false);
        assertEquals(303, login.statusCode());
        assertEquals("/", login.headers().firstValue("Location").orElseThrow());
        assertTrue(login.headers().allValues("Set-Cookie").get(0).startsWith("__Host-sid="), "the library's session, no JSESSIONID");
        return client;
    }

    @Test
    @DisplayName("Spring's generated login page, then a store session: the page is no-store, anonymous is sent to /login")
    void login() {
        TestClient anonymous = new TestClient(base, HttpSurfaceContract.FIREFOX);
        assertEquals(200, anonymous.get("/login").statusCode());
        HttpResponse<String> refused = anonymous.get("/");
        assertEquals(303, refused.statusCode());
        assertEquals("/login", refused.headers().firstValue("Location").orElseThrow());
        assertEquals(303, anonymous.login("alice", "wrong", false).statusCode());
        assertFalse(anonymous.cookies.containsKey("__Host-sid"));
        HttpResponse<String> home = signedIn(HttpSurfaceContract.FIREFOX).get("/");
        assertEquals(200, home.statusCode());
        assertTrue(home.body().contains(">alice<"));
        assertEquals("no-store", home.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    @DisplayName("POST /logout ends the session (GET is 405), an expired session's logout answers the same, never 403")
    void logout() {
        TestClient laptop = signedIn(HttpSurfaceContract.FIREFOX);
        Map<String, String> copied = Map.copyOf(laptop.cookies);
        assertEquals(405, laptop.get("/logout").statusCode());
        HttpResponse<String> out = laptop.post("/logout", Map.of());
        assertEquals(303, out.statusCode());
        assertTrue(out.headers().firstValue("Clear-Site-Data").isPresent());
        TestClient stale = new TestClient(base, HttpSurfaceContract.FIREFOX);
        stale.cookies.putAll(copied);
        assertEquals(303, stale.get("/").statusCode(), "the copied cookie is refused");
        HttpResponse<String> again = stale.post("/logout", Map.of());
        assertEquals(303, again.statusCode(), "a logout whose session has ended is no CSRF 403");
        assertEquals(out.headers().allValues("Set-Cookie"), again.headers().allValues("Set-Cookie"));
    }

    @Test
    @DisplayName("devices, revoke one, logout everywhere at their default paths")
    void devices() {
        TestClient laptop = signedIn(HttpSurfaceContract.FIREFOX);
        TestClient phone = signedIn(HttpSurfaceContract.CHROME_MAC);
        List<Object> devices = Json.array(laptop.get("/account/sessions", "Accept", "application/json").body());
        assertTrue(devices.size() >= 2);
        String phoneHandle = Json.array(phone.get("/account/sessions", "Accept", "application/json").body()).stream()
                .map(o -> (Map<?, ?>) o).filter(m -> Boolean.TRUE.equals(m.get("current"))).map(m -> (String) m.get("id"))
                .findFirst().orElseThrow();
        assertEquals(303, laptop.post("/account/sessions/" + phoneHandle + "/revoke", Map.of()).statusCode());
        assertEquals(303, phone.get("/").statusCode());
        TestClient tablet = signedIn(HttpSurfaceContract.CHROME_MAC);
        assertEquals(303, laptop.post("/account/logout-everywhere", Map.of()).statusCode());
        assertEquals(303, tablet.get("/").statusCode());
        assertEquals(303, laptop.get("/").statusCode());
    }

    @Test
    @DisplayName("a cross-site POST is 403: one CSRF policy, the cross-site rule")
    void crossSite() {
        TestClient laptop = signedIn(HttpSurfaceContract.FIREFOX);
        HttpResponse<String> forged = laptop.send(laptop.request("/logout", "Origin", "https://evil.example")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(403, forged.statusCode());
        assertEquals(200, laptop.get("/").statusCode());
    }
}
