package dev.securelogout.tck.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The opt-in outage group of the HTTP contract: while the app's store is down, a signed-in request
 * is 503 with {@code Retry-After} (fail closed, never a 401 or a redirect that reads as a logout,
 * no cookie deleted), a logout still clears the client, and what was ended during the outage stays
 * ended once the store is back. For apps whose store a test can take down (a proxy it cuts, a
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
        assertTrue(HttpSurfaceContract.isHome(browser.get("/")), "the session works again");
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
        storeUp();
        TestClient thief = new TestClient(app().base(), HttpSurfaceContract.FIREFOX);
        thief.cookies.putAll(copied);
        assertEquals(303, thief.get("/").statusCode(), "the session ended during the outage stays ended");
    }
}
