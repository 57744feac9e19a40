package dev.securelogout.tck.http;

import static dev.securelogout.tck.http.HttpSurfaceContract.CHROME_MAC;
import static dev.securelogout.tck.http.HttpSurfaceContract.FIREFOX;
import static dev.securelogout.tck.http.HttpSurfaceContract.JSON;
import static dev.securelogout.tck.http.HttpSurfaceContract.REMEMBER_COOKIE;
import static dev.securelogout.tck.http.HttpSurfaceContract.SESSION_COOKIE;
import static dev.securelogout.tck.http.HttpSurfaceContract.isHome;
import static dev.securelogout.tck.http.HttpSurfaceContract.toLogin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The session policy of an app wired with secure-logout (issue 15), over real HTTP and across two
 * nodes: the concurrent session limit, re-authentication for sensitive changes, API clients as
 * devices, device lineage, the admin endpoints and the client address behind trusted proxies.
 * One hook, {@link #nodes()}: two nodes of one app sharing a store (or one node twice, when the
 * store is not shared), started with this policy:
 *
 * <ul>
 * <li>{@code MAX_SESSIONS_PER_USER=}{@value #MAX_SESSIONS}, {@code SESSION_LIMIT_POLICY=evict-oldest};</li>
 * <li>{@code REAUTH_WINDOW=}{@value #REAUTH_WINDOW_SECONDS} (seconds), a {@code password} field
 *     accepted as the re-authentication of {@code POST /sessions/{id}/revoke},
 *     {@code POST /logout/everywhere} and {@code POST /account/email}, and
 *     {@code POST /reauthenticate} renewing it (204 for JSON, else 303; 403 otherwise);</li>
 * <li>{@code TRUSTED_PROXIES=}{@value #TRUSTED_PROXY} (and the app bound to 127.0.0.1);</li>
 * <li>an operator {@link #ADMIN} allowed {@code GET /admin/users/{user}/sessions},
 *     {@code POST /admin/users/{user}/sessions/{id}/revoke} and
 *     {@code POST /admin/users/{user}/logout-everywhere}.</li>
 * </ul>
 *
 * The HTML it reads: the password prompt's {@code name="password"} and "API client" on
 * {@code /sessions}. Tests wait for the re-authentication window to pass, so the suite takes a
 * few seconds per such test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SessionPolicyContract {

    /** For subclasses, one per implementation under test. */
    protected SessionPolicyContract() {
    }

    /** The session limit the app must run with. */
    public static final int MAX_SESSIONS = 2;
    /** The re-authentication window the app must run with, in seconds. */
    public static final int REAUTH_WINDOW_SECONDS = 2;
    /** The one trusted proxy the app must run with: a loopback address the tests can send from. */
    public static final String TRUSTED_PROXY = "127.0.0.2";
    /** The operator allowed the admin endpoints. */
    public static final HttpApp.DemoUser ADMIN = new HttpApp.DemoUser("admin", "admin-password");
    private static final String CURL = "curl/8.0";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /**
     * The nodes under test.
     *
     * @return two nodes (or one node twice), already started with the policy above and the same demo users
     */
    protected abstract List<HttpApp> nodes();

    private HttpApp a() {
        return nodes().get(0);
    }

    private HttpApp b() {
        return nodes().get(1);
    }

    private static TestClient signedIn(HttpApp node, HttpApp.DemoUser user, String userAgent) {
        TestClient client = new TestClient(node.base(), userAgent);
        assertEquals(303, client.login(user, false).statusCode(), "login of " + user.name());
        return client;
    }

    /** The JSON device list of {@code client}, each entry a map. */
    private static List<Map<?, ?>> devices(TestClient client) {
        HttpResponse<String> list = client.get("/sessions", "Accept", JSON);
        assertEquals(200, list.statusCode(), list.body());
        return Json.array(list.body()).stream().<Map<?, ?>>map(o -> (Map<?, ?>) o).toList();
    }

    private static Map<?, ?> current(TestClient client) {
        return devices(client).stream().filter(m -> Boolean.TRUE.equals(m.get("current"))).findFirst().orElseThrow();
    }

    private static void until(String what, BooleanSupplier condition) {
        Poll.until(PATIENCE, Duration.ofMillis(100), condition, () -> what + " within " + PATIENCE.toSeconds() + " s");
    }

    /** Waits, without changing anything, until {@code client}'s last authentication is older than the window. */
    private static void windowPassed(TestClient client) {
        until("the re-authentication window passed", () ->
                client.postJson("/reauthenticate", "{}").statusCode() == 403);
    }

    private static Map<String, Object> apiTokens(TestClient api, HttpApp.DemoUser user) {
        HttpResponse<String> issued = api.postJson("/api/token", HttpSurfaceContract.credentials(user));
        assertEquals(200, issued.statusCode(), issued.body());
        return Json.object(issued.body());
    }

    @Nested
    @DisplayName("concurrent session limit")
    class Limit {
        @Test
        @DisplayName("a third login ends the least recently active device; its page is refused, the others stay")
        void thirdLoginEndsTheOldest() {
            TestClient first = signedIn(a(), a().first(), FIREFOX);
            TestClient second = signedIn(b(), a().first(), CHROME_MAC);
            TestClient third = signedIn(a(), a().first(), FIREFOX);
            assertEquals(303, first.get("/").statusCode(), "the least recently active device ended");
            assertTrue(isHome(second.get("/")));
            assertTrue(isHome(third.on(b().base()).get("/")));
            assertEquals(MAX_SESSIONS, devices(third).stream().filter(m -> Boolean.FALSE.equals(m.get("apiClient"))).count());
        }

        @Test
        @DisplayName("logins racing on two nodes never leave more than the limit, and the device signed in before them ends")
        void racingLogins() throws Exception {
            TestClient before = signedIn(a(), a().second(), FIREFOX);
            int racers = 6;
            List<TestClient> clients = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                clients.add(new TestClient((i % 2 == 0 ? a() : b()).base(), CHROME_MAC));
            }
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Integer>> logins = clients.stream().map(c -> CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return c.login(a().second(), false).statusCode();
            })).toList();
            start.countDown();
            for (CompletableFuture<Integer> login : logins) {
                assertEquals(303, login.get(60, TimeUnit.SECONDS), "evict-oldest never refuses a login");
            }
            assertEquals(303, before.get("/").statusCode(), "the device signed in before the race ended");
            long alive = IntStream.range(0, racers).filter(i -> isHome(clients.get(i).get("/"))).count();
            assertEquals(MAX_SESSIONS, alive, "exactly the limit survives the race");
            TestClient survivor = clients.stream().filter(c -> isHome(c.get("/"))).findFirst().orElseThrow();
            assertEquals(MAX_SESSIONS, devices(survivor).size());
        }

        @Test
        @DisplayName("a session restored from a remember-me cookie is no new login: it ends no other device")
        void restoreIsNoLogin() {
            TestClient laptop = new TestClient(a().base(), FIREFOX);
            assertEquals(303, laptop.login(a().first(), true).statusCode());
            TestClient phone = signedIn(b(), a().first(), CHROME_MAC);
            laptop.cookies.remove(SESSION_COOKIE);
            assertTrue(isHome(laptop.get("/")), "restored from remember-me");
            assertTrue(isHome(phone.get("/")), "the restore ended no device");
        }
    }

    @Nested
    @DisplayName("re-authentication")
    class Reauthentication {
        @Test
        @DisplayName("after the window, logging out the other devices without the password changes nothing; with it, it succeeds")
        void logoutOtherDevices() {
            TestClient laptop = signedIn(a(), a().first(), FIREFOX);
            TestClient phone = signedIn(b(), a().first(), CHROME_MAC);
            windowPassed(laptop);
            HttpResponse<String> json = laptop.postJson("/logout/everywhere?keepCurrent=true", "");
            assertEquals(403, json.statusCode());
            assertEquals("reauthentication_required", Json.object(json.body()).get("error"));
            HttpResponse<String> browser = laptop.post("/logout/everywhere", Map.of("keepCurrent", "true"));
            assertEquals(403, browser.statusCode());
            assertTrue(browser.body().contains("name=\"password\""), "a browser gets the password prompt");
            HttpResponse<String> wrong = laptop.post("/logout/everywhere", Map.of("keepCurrent", "true", "password", "not-it"));
            assertEquals(403, wrong.statusCode());
            assertTrue(isHome(phone.get("/")), "nothing changed");
            HttpResponse<String> confirmed = laptop.on(b().base()).post("/logout/everywhere",
                    Map.of("keepCurrent", "true", "password", a().first().password()));
            assertEquals(303, confirmed.statusCode());
            assertEquals("/sessions", confirmed.headers().firstValue("Location").orElseThrow());
            assertEquals(303, phone.get("/").statusCode(), "the other device ended");
            assertTrue(isHome(laptop.get("/")), "this one stays");
        }

        @Test
        @DisplayName("after the window, revoking another device needs the password; logging out everywhere never does")
        void revokeAnother() {
            TestClient laptop = signedIn(a(), a().second(), FIREFOX);
            TestClient phone = signedIn(b(), a().second(), CHROME_MAC);
            String phoneHandle = (String) current(phone).get("id");
            windowPassed(laptop);
            assertEquals(403, laptop.post("/sessions/" + phoneHandle + "/revoke", Map.of()).statusCode());
            assertTrue(isHome(phone.get("/")), "nothing changed");
            assertEquals(303, laptop.post("/sessions/" + phoneHandle + "/revoke",
                    Map.of("password", a().second().password())).statusCode());
            assertEquals(303, phone.get("/").statusCode());
            TestClient tablet = signedIn(b(), a().second(), CHROME_MAC);
            windowPassed(tablet);
            assertTrue(toLogin(tablet.post("/logout/everywhere", Map.of())), "ending everything needs no password");
            assertEquals(303, laptop.get("/").statusCode());
        }

        @Test
        @DisplayName("POST /reauthenticate with the password renews the window on every node; an email change needs it")
        void renew() {
            TestClient laptop = signedIn(a(), a().first(), FIREFOX);
            windowPassed(laptop);
            HttpResponse<String> refused = laptop.postJson("/account/email", "");
            assertEquals(403, laptop.post("/account/email", Map.of("email", "alice@example.com")).statusCode());
            assertEquals(403, refused.statusCode());
            assertEquals("reauthentication_required", Json.object(refused.body()).get("error"));
            assertEquals(403, laptop.post("/reauthenticate", Map.of("password", "wrong")).statusCode());
            HttpResponse<String> renewed = laptop.post("/reauthenticate", Map.of("password", a().first().password()));
            assertEquals(303, renewed.statusCode());
            assertEquals(204, laptop.on(b().base()).postJson("/reauthenticate", "{}").statusCode(), "renewed on the other node too");
            assertEquals(303, laptop.on(b().base()).post("/account/email", Map.of("email", "alice@example.com")).statusCode());
        }
    }

    @Nested
    @DisplayName("API clients and lineage")
    class Devices {
        @Test
        @DisplayName("an API client shows in the device list; revoking it refuses its access token at once, on every node")
        void apiClient() {
            TestClient api = new TestClient(a().base(), CURL);
            Map<String, Object> tokens = apiTokens(api, a().first());
            String bearer = "Bearer " + tokens.get("access_token");
            assertEquals(200, api.get("/api/me", "Authorization", bearer).statusCode());
            TestClient laptop = signedIn(b(), a().first(), FIREFOX);
            List<Map<?, ?>> clients = devices(laptop).stream().filter(m -> Boolean.TRUE.equals(m.get("apiClient"))).toList();
            assertFalse(clients.isEmpty(), "the API client is listed");
            assertTrue(laptop.get("/sessions").body().contains("API client"));
            for (Map<?, ?> client : clients) {
                assertEquals(303, laptop.post("/sessions/" + client.get("id") + "/revoke",
                        Map.of("password", a().first().password())).statusCode());
            }
            assertEquals(401, api.get("/api/me", "Authorization", bearer).statusCode(), "the access token is refused at once");
            assertEquals(401, api.on(b().base()).get("/api/me", "Authorization", bearer).statusCode());
            assertEquals(400, api.postJson("/api/token/refresh", "{\"refresh_token\":\"" + tokens.get("refresh_token") + "\"}").statusCode());
            assertTrue(devices(laptop).stream().noneMatch(m -> Boolean.TRUE.equals(m.get("apiClient"))));
        }

        @Test
        @DisplayName("a refresh token presented to POST /logout is revoked with the session")
        void refreshTokenWithLogout() {
            TestClient app = new TestClient(a().base(), FIREFOX);
            assertEquals(303, app.login(a().second(), false).statusCode());
            Map<String, Object> tokens = apiTokens(new TestClient(a().base(), FIREFOX), a().second());
            assertTrue(toLogin(app.post("/logout", Map.of("refresh_token", (String) tokens.get("refresh_token")))));
            TestClient api = new TestClient(b().base(), FIREFOX);
            assertEquals(400, api.postJson("/api/token/refresh", "{\"refresh_token\":\"" + tokens.get("refresh_token") + "\"}").statusCode());
            assertEquals(401, api.get("/api/me", "Authorization", "Bearer " + tokens.get("access_token")).statusCode());
        }

        @Test
        @DisplayName("a copied remember-me cookie used on another machine, then a logout on the original device: the copy is refused")
        void copiedRememberMe() {
            TestClient laptop = new TestClient(a().base(), FIREFOX);
            assertEquals(303, laptop.login(a().second(), true).statusCode());
            TestClient thief = new TestClient(b().base(), CHROME_MAC);
            thief.cookies.put(REMEMBER_COOKIE, laptop.cookies.get(REMEMBER_COOKIE));
            assertTrue(isHome(thief.get("/")), "the copy restores a session on the other machine");
            assertTrue(thief.cookies.containsKey(SESSION_COOKIE));
            Map<String, String> stolen = Map.copyOf(thief.cookies);
            assertTrue(toLogin(laptop.post("/logout", Map.of())));
            assertEquals(303, thief.get("/").statusCode(), "the copy's session and token are refused");
            TestClient again = new TestClient(a().base(), CHROME_MAC);
            again.cookies.putAll(stolen);
            assertEquals(303, again.get("/").statusCode(), "on the other node too");
            again.cookies.remove(SESSION_COOKIE);
            again.cookies.put(REMEMBER_COOKIE, stolen.get(REMEMBER_COOKIE));
            assertEquals(303, again.get("/").statusCode(), "the rotated remember-me token is refused");
        }
    }

    @Nested
    @DisplayName("sign-in notices")
    class SignIns {
        @Test
        @DisplayName("a sign-in on one node sends event: signin (browser, OS, IP) to the user's page open on the other; the list marks it")
        void signInEvent() throws Exception {
            TestClient laptop = signedIn(b(), a().first(), FIREFOX);
            CompletableFuture<List<String>> event = laptop.openStream().firstEventWithData();
            TestClient phone = signedIn(a(), a().first(), CHROME_MAC);
            List<String> lines = event.get(10, TimeUnit.SECONDS);
            assertEquals("event: signin", lines.get(0), lines.toString());
            Map<String, Object> data = Json.object(lines.get(lines.size() - 1).substring("data:".length()).strip());
            assertEquals(current(phone).get("browser"), data.get("browser"));
            assertEquals(current(phone).get("os"), data.get("os"));
            assertEquals("127.0.0.1", data.get("ip"));
            assertTrue(laptop.get("/sessions").body().contains("new sign-in"), "the device list marks the new session");
        }
    }

    @Nested
    @DisplayName("admin endpoints")
    class Admin {
        @Test
        @DisplayName("the operator lists a user's devices, revokes one and ends all; the user's own list is unchanged in shape")
        void operator() {
            TestClient admin = signedIn(a(), ADMIN, FIREFOX);
            TestClient laptop = signedIn(b(), a().second(), FIREFOX);
            TestClient phone = signedIn(a(), a().second(), CHROME_MAC);
            String user = a().second().name();
            HttpResponse<String> list = admin.get("/admin/users/" + user + "/sessions", "Accept", JSON);
            assertEquals(200, list.statusCode());
            List<Map<?, ?>> devices = Json.array(list.body()).stream().<Map<?, ?>>map(o -> (Map<?, ?>) o).toList();
            String phoneHandle = Objects.requireNonNull((String) current(phone).get("id"));
            assertTrue(devices.stream().anyMatch(m -> phoneHandle.equals(m.get("id"))));
            assertTrue(devices.stream().noneMatch(m -> Boolean.TRUE.equals(m.get("current"))));
            assertEquals(devices.get(0).keySet(), current(laptop).keySet(), "the same fields as /sessions");
            assertEquals(204, admin.on(b().base()).postJson("/admin/users/" + user + "/sessions/" + phoneHandle + "/revoke", "")
                    .statusCode());
            assertEquals(303, phone.get("/").statusCode());
            assertTrue(isHome(laptop.get("/")));
            assertEquals(404, admin.postJson("/admin/users/" + user + "/sessions/" + "A".repeat(22) + "/revoke", "").statusCode());
            assertEquals(303, admin.post("/admin/users/" + user + "/logout-everywhere", Map.of("reason", "support ticket 7"))
                    .statusCode());
            assertEquals(303, laptop.get("/").statusCode());
            assertTrue(isHome(admin.get("/")), "the operator's own session stays");
        }

        @Test
        @DisplayName("anyone but the operator gets 403 and nothing changes; anonymous gets the login")
        void others() {
            TestClient alice = signedIn(a(), a().first(), FIREFOX);
            TestClient bob = signedIn(b(), a().second(), FIREFOX);
            String bobHandle = (String) current(bob).get("id");
            String bobName = a().second().name();
            assertEquals(403, alice.get("/admin/users/" + bobName + "/sessions", "Accept", JSON).statusCode());
            assertEquals(403, alice.post("/admin/users/" + bobName + "/sessions/" + bobHandle + "/revoke", Map.of()).statusCode());
            assertEquals(403, alice.post("/admin/users/" + bobName + "/logout-everywhere", Map.of()).statusCode());
            assertEquals(403, alice.post("/admin/users/" + a().first().name() + "/logout-everywhere", Map.of()).statusCode());
            assertTrue(isHome(bob.get("/")), "nothing changed");
            assertTrue(isHome(alice.get("/")));
            TestClient anonymous = new TestClient(a().base(), FIREFOX);
            assertEquals(401, anonymous.get("/admin/users/" + bobName + "/sessions", "Accept", JSON).statusCode());
            assertEquals(303, anonymous.post("/admin/users/" + bobName + "/logout-everywhere", Map.of()).statusCode());
            assertTrue(isHome(bob.get("/")));
        }
    }

    @Nested
    @DisplayName("client address behind proxies")
    class Proxies {
        @Test
        @DisplayName("X-Forwarded-For is believed from the trusted proxy only; the list shows the last-seen address beside the sign-in one")
        void forwardedFor() throws UnknownHostException {
            InetAddress proxy = InetAddress.getByName(TRUSTED_PROXY);
            String form = "username=" + a().first().name() + "&password=" + a().first().password();
            RawHttp.Response login = RawHttp.exchange(a().base(), proxy, RawHttp.request(a().base(), "POST", "/login", Optional.of(form),
                    "Content-Type: application/x-www-form-urlencoded", "User-Agent: " + FIREFOX, "Origin: " + a().base(),
                    "X-Forwarded-For: 6.6.6.6, 198.51.100.7"));
            assertEquals(303, login.status(), login.head());
            TestClient behind = new TestClient(a().base(), FIREFOX);
            login.head().lines().filter(l -> l.regionMatches(true, 0, "Set-Cookie:", 0, 11)).map(l -> l.substring(11).strip())
                    .map(c -> c.split(";", 2)[0]).forEach(pair -> behind.cookies.put(pair.substring(0, pair.indexOf('=')),
                            pair.substring(pair.indexOf('=') + 1)));
            assertTrue(behind.cookies.containsKey(SESSION_COOKIE), login.head());
            Map<?, ?> device = current(behind);
            assertEquals("198.51.100.7", device.get("ip"), "the nearest untrusted hop, not the forged one in front");
            assertEquals("127.0.0.1", device.get("lastSeenIp"), "the last request came straight from 127.0.0.1");
            TestClient direct = new TestClient(b().base(), CHROME_MAC);
            assertEquals(303, direct.send(direct.request("/login", "X-Forwarded-For", "198.51.100.8", "Origin", b().base().toString(),
                    "Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build()).statusCode());
            Map<?, ?> directDevice = current(direct);
            assertEquals("127.0.0.1", directDevice.get("ip"), "a client that is no trusted proxy cannot choose its address");
            assertNotEquals("198.51.100.8", directDevice.get("lastSeenIp"));
        }
    }
}
