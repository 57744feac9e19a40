package dev.securelogout.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.examples.oidc.OidcSettings;
import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.TestClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OpenID Connect routes' answers that need no provider (its issuer here is a closed port), and
 * the app without the {@code OIDC_*} settings, unchanged. The flows with a provider: {@link KeycloakIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcRoutesIT {

    private static final String BACKCHANNEL = "/oidc/backchannel-logout";

    private RunningApp withProvider;
    private RunningApp without;

    @BeforeAll
    void start() throws Exception {
        withProvider = new RunningApp(AppConfig.inMemory(), Optional.of(new OidcSettings(URI.create("http://127.0.0.1:1/realms/none"),
                "app", "secret", Optional.empty())));
        without = new RunningApp(AppConfig.inMemory());
    }

    @AfterAll
    void stop() {
        withProvider.close();
        without.close();
    }

    @Test
    @DisplayName("the login page offers the provider only when one is configured; without one the routes do not exist")
    void onlyWithAProvider() {
        assertTrue(client(withProvider).get("/login").body().contains("Sign in with your provider"));
        TestClient plain = client(without);
        assertFalse(plain.get("/login").body().contains("Sign in with your provider"));
        for (int status : new int[] {plain.get("/login/oidc").statusCode(), plain.get("/login/oidc/callback?code=x&state=y").statusCode(),
                backChannel(plain, "application/x-www-form-urlencoded", "logout_token=x").statusCode()}) {
            assertTrue(status == 404 || status == 405, "no such route: " + status);
        }
        assertFalse(plain.get("/login").headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("JSESSIONID")));
    }

    @Test
    @DisplayName("a provider that cannot be reached: sign-in 503, a password session logs out as always")
    void providerDown() {
        TestClient browser = client(withProvider);
        assertEquals(503, browser.get("/login/oidc").statusCode());
        assertEquals(303, browser.login(HttpApp.ALICE, false).statusCode());
        HttpResponse<String> logout = browser.post("/logout", Map.of());
        assertEquals(303, logout.statusCode());
        assertEquals(Optional.of(ExampleApp.LOGOUT_REDIRECT), logout.headers().firstValue("Location"));
    }

    @Test
    @DisplayName("a callback without a started sign-in, or with another state, is 400 and starts no session")
    void callbackWithoutSignIn() {
        TestClient browser = client(withProvider);
        HttpResponse<String> callback = browser.get("/login/oidc/callback?code=abc&state=forged");
        assertEquals(400, callback.statusCode());
        assertFalse(callback.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("__Host-sid")));
        assertFalse(callback.body().contains("Exception"));
    }

    @Test
    @DisplayName("the back-channel endpoint: 400 invalid_request for a wrong type, a missing, repeated or oversized token; 405 for GET; never a detail")
    void backChannelRefusals() {
        TestClient provider = client(withProvider);
        for (Map.Entry<String, String> body : Map.of(
                "application/json", "{\"logout_token\":\"a.b.c\"}",
                "application/x-www-form-urlencoded", "other=1",
                "application/x-www-form-urlencoded; charset=UTF-8", "logout_token=a.b.c&logout_token=a.b.c",
                "application/x-www-form-urlencoded ", "logout_token=" + "a".repeat(20_000),
                "application/x-www-form-urlencoded;", "logout_token=%zz").entrySet()) {
            HttpResponse<String> answer = backChannel(provider, body.getKey().strip(), body.getValue());
            assertEquals(400, answer.statusCode(), body.getValue());
            assertEquals("{\"error\":\"invalid_request\"}", answer.body());
            assertEquals(Optional.of("no-store"), answer.headers().firstValue("Cache-Control"));
        }
        HttpResponse<String> get = provider.get(BACKCHANNEL);
        assertEquals(405, get.statusCode());
        assertEquals(Optional.of("POST"), get.headers().firstValue("Allow"));
    }

    private static TestClient client(RunningApp node) {
        return new TestClient(node.http().base(), "Mozilla/5.0 (X11; Linux x86_64) OidcRoutesIT");
    }

    private static HttpResponse<String> backChannel(TestClient client, String type, String body) {
        return client.send(client.request(BACKCHANNEL).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
