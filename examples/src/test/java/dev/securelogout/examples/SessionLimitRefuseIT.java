package dev.securelogout.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.servlet.TrustedProxies;
import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.HttpSurfaceContract;
import dev.securelogout.tck.http.Json;
import dev.securelogout.tck.http.TestClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code MAX_SESSIONS_PER_USER=1} with {@code SESSION_LIMIT_POLICY=refuse}: a login beyond it is refused and ends nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionLimitRefuseIT {

    private RunningApp node;

    @BeforeAll
    void start() throws Exception {
        node = new RunningApp(AppConfig.inMemory(), new PolicyConfig(SessionLimit.refusingBeyond(1),
                PolicyConfig.DEFAULT_REAUTH_WINDOW, TrustedProxies.NONE));
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @Test
    @DisplayName("the second login is 409 with a message on the form (session_limit_reached for JSON), no cookie; the first device stays")
    void refused() {
        HttpApp app = node.http();
        TestClient laptop = new TestClient(app.base(), HttpSurfaceContract.FIREFOX);
        assertEquals(303, laptop.login(app.first(), false).statusCode());
        TestClient phone = new TestClient(app.base(), HttpSurfaceContract.CHROME_MAC);
        HttpResponse<String> form = phone.login(app.first(), false);
        assertEquals(409, form.statusCode());
        assertTrue(form.body().contains("too many devices") && form.body().contains("name=\"username\""), form.body());
        assertTrue(form.headers().allValues("Set-Cookie").isEmpty(), "no session cookie");
        HttpResponse<String> json = phone.send(phone.request("/login", "Accept", HttpSurfaceContract.JSON, "Origin", app.base().toString(),
                "Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                "username=" + app.first().name() + "&password=" + app.first().password())).build());
        assertEquals(409, json.statusCode());
        assertEquals("session_limit_reached", Json.object(json.body()).get("error"));
        assertTrue(HttpSurfaceContract.isHome(laptop.get("/")), "the signed-in device is untouched");
        assertEquals(303, laptop.post("/logout", Map.of()).statusCode());
        assertEquals(303, phone.login(app.first(), false).statusCode(), "room again after a logout");
    }
}
