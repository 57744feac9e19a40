package dev.securelogout.tck.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The opt-in outage group of the HTTP contract: while the app's store is down, a signed-in request
 * is 503 with {@code Retry-After} (fail closed, never a 401 or a redirect that reads as a logout,
 * no cookie deleted) until the app reaches the store again, a logout still clears the client, and
 * what was ended during the outage is refused at once, before and after the store is back. For apps whose store a test can take down (a proxy it cuts, a
 * server it stops): extend this class besides {@link HttpSurfaceContract} and implement the hooks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreOutageContract {

    /** For subclasses, one per implementation under test. */
    protected StoreOutageContract() {
    }

    /**
     * The app under test, already started.
     *
     * @return the app under test, already started
     */
    protected abstract HttpApp app();

    /** Makes the app's store unreachable (its next call fails) until {@link #storeUp()}. */
    protected abstract void storeDown();

    /** Makes the store reachable again. */
    protected abstract void storeUp();

    @AfterEach
    void storeBack() {
        storeUp();
    }

    private TestClient signedIn(String userAgent) {
        TestClient client = new TestClient(app().base(), userAgent);
        assertEquals(303, client.login(app().first(), true).statusCode());
        return client;
    }

    @Test
    @DisplayName("store down: signed-in pages, JSON and bearer requests are 503 with Retry-After, and no cookie is deleted")
    void failClosed() {
        TestClient browser = signedIn(HttpSurfaceContract.FIREFOX);
        TestClient api = new TestClient(app().base(), "curl/8.0");
        String access = (String) Json.object(api.postJson("/api/token", HttpSurfaceContract.credentials(app().first())).body())
                .get("access_token");
        storeDown();
        List<HttpResponse<String>> answers = List.of(browser.get("/"), browser.get("/sessions", "Accept", HttpSurfaceContract.JSON),
                api.get("/api/me", "Authorization", "Bearer " + access));
        for (HttpResponse<String> answer : answers) {
            assertEquals(503, answer.statusCode(), answer.uri().toString());
            assertTrue(answer.headers().firstValue("Retry-After").isPresent(), answer.uri().toString());
            assertTrue(answer.headers().allValues("Set-Cookie").stream().map(SetCookie::parse).noneMatch(SetCookie::deletes),
                    "no cookie deleted: " + answer.uri());
        }
        storeUp();
        Poll.until(Duration.ofSeconds(10), Duration.ofMillis(50), () -> backHome(browser),
                () -> "the session does not work again within 10 s of the store's return");
    }

    /**
     * Whether the session is home again; until then (a pool still handing out connections the
     * outage broke) the answer must stay a 503 that leaves the cookies alone, never a logout.
     */
    private static boolean backHome(TestClient browser) {
        HttpResponse<String> answer = browser.get("/");
        if (HttpSurfaceContract.isHome(answer)) {
            return true;
        }
        assertEquals(503, answer.statusCode(), "while the store comes back");
        assertTrue(answer.headers().allValues("Set-Cookie").stream().map(SetCookie::parse).noneMatch(SetCookie::deletes),
                "no cookie deleted while the store comes back");
        return false;
    }

    @Test
    @DisplayName("store down: logout still deletes the cookies; once the store is back the copied cookies are refused")
    void logoutDuringOutage() {
        TestClient browser = signedIn(HttpSurfaceContract.FIREFOX);
        Map<String, String> copied = Map.copyOf(browser.cookies);
        storeDown();
        HttpResponse<String> logout = browser.post("/logout", Map.of());
        assertTrue(logout.statusCode() == 303 || logout.statusCode() == 503, "logout answered " + logout.statusCode());
        List<SetCookie> deleted = logout.headers().allValues("Set-Cookie").stream().map(SetCookie::parse).filter(SetCookie::deletes).toList();
        assertTrue(deleted.stream().anyMatch(c -> c.name().equals(HttpSurfaceContract.SESSION_COOKIE)), deleted.toString());
        assertTrue(deleted.stream().anyMatch(c -> c.name().equals(HttpSurfaceContract.REMEMBER_COOKIE)), deleted.toString());
        assertFalse(browser.cookies.containsKey(HttpSurfaceContract.SESSION_COOKIE));
        assertEquals(303, thief(copied).get("/").statusCode(), "the session ended during the outage is refused while the store is down");
        storeUp();
        assertEquals(303, thief(copied).get("/").statusCode(), "the session ended during the outage stays ended");
    }

    private TestClient thief(Map<String, String> copied) {
        TestClient thief = new TestClient(app().base(), HttpSurfaceContract.FIREFOX);
        thief.cookies.putAll(copied);
        return thief;
    }
}
