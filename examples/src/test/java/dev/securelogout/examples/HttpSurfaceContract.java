package dev.securelogout.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route of the demo's fixed HTTP surface, over real HTTP against one node. A subclass
 * names the store through {@link #config()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HttpSurfaceContract {

    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    static final String CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    static final String JSON = "application/json";

    private final ExampleApp app = new ExampleApp();
    int port;

    /** The node's configuration, on port 0. */
    abstract AppConfig config();

    @BeforeAll
    void start() throws Exception {
        port = app.start(config());
    }

    @AfterAll
    void stop() {
        app.stop();
    }

    TestClient signedIn(String user, String userAgent) {
        TestClient client = new TestClient(port, userAgent);
        HttpResponse<String> login = client.login(user, user + "-password", false);
        assertEquals(303, login.statusCode());
        return client;
    }

    static boolean isHome(HttpResponse<String> response) {
        return response.statusCode() == 200 && response.body().contains("id=\"user\"");
    }

    static List<Object> jsonList(HttpResponse<String> response) throws Exception {
        return JSONArrayUtils.parse(response.body());
    }

    static Map<String, Object> jsonObject(HttpResponse<String> response) throws Exception {
        return JSONObjectUtils.parse(response.body());
    }

    @Nested
    @DisplayName("public routes")
    class PublicRoutes {
        @Test
        @DisplayName("GET /healthz is 200 without authentication")
        void healthz() {
            assertEquals(200, new TestClient(port, FIREFOX).get("/healthz").statusCode());
        }

        @Test
        @DisplayName("GET / anonymous is 303 to /login; with Accept JSON 401")
        void homeAnonymous() {
            TestClient anonymous = new TestClient(port, FIREFOX);
            HttpResponse<String> page = anonymous.get("/");
            assertEquals(303, page.statusCode());
            assertEquals("/login", page.headers().firstValue("Location").orElseThrow());
            assertEquals(401, anonymous.get("/", "Accept", JSON).statusCode());
        }

        @Test
        @DisplayName("GET /login is the form, with a strict CSP and the logged-out notice when asked")
        void loginForm() {
            TestClient client = new TestClient(port, FIREFOX);
            HttpResponse<String> form = client.get("/login");
            assertEquals(200, form.statusCode());
            assertTrue(form.body().contains("name=\"username\""));
            assertFalse(form.body().contains("logged out"));
            String csp = form.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.startsWith("default-src 'self'") && !csp.contains("unsafe-inline"), csp);
            assertFalse(form.body().contains("<script>"), "no inline script");
            assertTrue(client.get("/login?logout").body().contains("You have been logged out"));
        }

        @Test
        @DisplayName("the stylesheet and logout.js are served from /assets/, anything else there is 404")
        void assets() {
            TestClient client = new TestClient(port, FIREFOX);
            HttpResponse<String> script = client.get("/assets/logout.js");
            assertEquals(200, script.statusCode());
            assertTrue(script.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
            assertTrue(script.body().contains("BroadcastChannel"));
            assertEquals(200, client.get("/assets/app.css").statusCode());
            assertEquals(404, client.get("/assets/../pom.xml").statusCode() == 400 ? 404 : client.get("/assets/nope.js").statusCode());
            assertEquals(404, client.get("/no-such-page").statusCode());
        }
    }

    @Nested
    @DisplayName("login and logout")
    class LoginLogout {
        @Test
        @DisplayName("POST /login with the right password is 303 to / with a hardened session cookie")
        void login() {
            TestClient client = new TestClient(port, FIREFOX);
            HttpResponse<String> login = client.login("alice", "alice-password", false);
            assertEquals(303, login.statusCode());
            assertEquals("/", login.headers().firstValue("Location").orElseThrow());
            String cookie = login.headers().allValues("Set-Cookie").get(0);
            assertTrue(cookie.startsWith("__Host-sid=") && cookie.contains("Secure") && cookie.contains("HttpOnly")
                    && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), cookie);
            HttpResponse<String> home = client.get("/");
            assertTrue(isHome(home));
            assertTrue(home.body().contains(">alice<"));
            assertEquals("no-store", home.headers().firstValue("Cache-Control").orElseThrow());
        }

        @Test
        @DisplayName("wrong credentials get 401 and no session")
        void wrongPassword() {
            TestClient client = new TestClient(port, FIREFOX);
            for (String[] attempt : new String[][] {{"alice", "bob-password"}, {"nobody", "x"}, {"alice", "a".repeat(5000)}}) {
                HttpResponse<String> login = client.login(attempt[0], attempt[1], false);
                assertEquals(401, login.statusCode());
                assertTrue(login.headers().allValues("Set-Cookie").isEmpty());
            }
            assertEquals(303, client.get("/").statusCode());
        }

        @Test
        @DisplayName("remember=on sets a remember-me cookie that restores a session once the session cookie is gone")
        void rememberMe() {
            TestClient client = new TestClient(port, FIREFOX);
            client.login("alice", "alice-password", true);
            assertTrue(client.cookies.containsKey("__Host-remember"));
            String firstToken = client.cookies.get("__Host-remember");
            client.cookies.remove("__Host-sid");
            assertTrue(isHome(client.get("/")));
            assertTrue(client.cookies.containsKey("__Host-sid"));
            assertNotEquals(firstToken, client.cookies.get("__Host-remember"), "the token rotated");
        }

        @Test
        @DisplayName("POST /logout is 303 to /login, deletes the cookies, sends Clear-Site-Data; the old id is refused")
        void logout() {
            TestClient client = new TestClient(port, FIREFOX);
            client.login("alice", "alice-password", true);
            Map<String, String> stolen = Map.copyOf(client.cookies);
            HttpResponse<String> logout = client.post("/logout", Map.of());
            assertEquals(303, logout.statusCode());
            assertTrue(logout.headers().firstValue("Location").orElseThrow().startsWith("/login"));
            assertTrue(logout.headers().allValues("Set-Cookie").stream().allMatch(c -> c.contains("Max-Age=0")));
            assertEquals(2, logout.headers().allValues("Set-Cookie").size());
            assertTrue(logout.headers().firstValue("Clear-Site-Data").orElseThrow().contains("\"cookies\""));
            assertTrue(client.cookies.isEmpty());
            TestClient thief = new TestClient(port, FIREFOX);
            thief.cookies.putAll(stolen);
            assertEquals(303, thief.get("/").statusCode(), "neither the session nor the remember-me token works");
        }

        @Test
        @DisplayName("POST /logout without a session or with a forged one answers like a real one")
        void logoutWithoutSession() {
            TestClient anonymous = new TestClient(port, FIREFOX);
            HttpResponse<String> none = anonymous.post("/logout", Map.of());
            anonymous.cookies.put("__Host-sid", "forged.<script>");
            HttpResponse<String> forged = anonymous.post("/logout", Map.of());
            for (HttpResponse<String> r : List.of(none, forged)) {
                assertEquals(303, r.statusCode());
                assertEquals(2, r.headers().allValues("Set-Cookie").size());
                assertTrue(r.headers().firstValue("Clear-Site-Data").isPresent());
            }
        }

        @Test
        @DisplayName("GET /logout is 405; a cross-site POST is 403 and changes nothing")
        void methodAndOrigin() {
            TestClient client = signedIn("alice", FIREFOX);
            assertEquals(405, client.get("/logout").statusCode());
            HttpResponse<String> crossSite = client.send(client.request("/logout", "Origin", "https://evil.example")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(403, crossSite.statusCode());
            HttpResponse<String> fetchSite = client.send(client.request("/logout", "Sec-Fetch-Site", "cross-site")
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(403, fetchSite.statusCode());
            assertTrue(isHome(client.get("/")));
        }

        @Test
        @DisplayName("a browser without script lands on the login page with the logged-out notice")
        void logoutNotice() {
            TestClient client = signedIn("alice", FIREFOX);
            HttpResponse<String> logout = client.post("/logout", Map.of());
            String location = logout.headers().firstValue("Location").orElseThrow();
            assertEquals("/login?logout", location);
            assertTrue(client.get(location).body().contains("You have been logged out"));
        }

        @Test
        @DisplayName("logout with Accept JSON is 204")
        void logoutJson() {
            TestClient client = signedIn("alice", FIREFOX);
            assertEquals(204, client.post("/logout", Map.of(), "Accept", JSON).statusCode());
            assertEquals(401, client.get("/", "Accept", JSON).statusCode());
        }
    }

    @Nested
    @DisplayName("logout everywhere and devices")
    class Everywhere {
        @Test
        @DisplayName("logout on one device leaves the other signed in")
        void logoutOneDevice() {
            TestClient laptop = signedIn("alice", FIREFOX);
            TestClient phone = signedIn("alice", CHROME_MAC);
            laptop.post("/logout", Map.of());
            assertEquals(303, laptop.get("/").statusCode());
            assertTrue(isHome(phone.get("/")));
        }

        @Test
        @DisplayName("POST /logout/everywhere ends every session; keepCurrent=true keeps this one; other values are 400")
        void everywhere() {
            TestClient laptop = signedIn("alice", FIREFOX);
            TestClient phone = signedIn("alice", CHROME_MAC);
            TestClient bob = signedIn("bob", FIREFOX);
            assertEquals(400, laptop.post("/logout/everywhere", Map.of("keepCurrent", "maybe")).statusCode());
            HttpResponse<String> keep = laptop.post("/logout/everywhere", Map.of("keepCurrent", "true"));
            assertEquals(303, keep.statusCode());
            assertEquals("/sessions", keep.headers().firstValue("Location").orElseThrow());
            assertTrue(isHome(laptop.get("/")));
            assertEquals(303, phone.get("/").statusCode());
            TestClient tablet = signedIn("alice", CHROME_MAC);
            HttpResponse<String> all = laptop.post("/logout/everywhere", Map.of());
            assertEquals(303, all.statusCode());
            assertTrue(all.headers().firstValue("Location").orElseThrow().startsWith("/login"));
            assertEquals(303, laptop.get("/").statusCode());
            assertEquals(303, tablet.get("/").statusCode());
            assertTrue(isHome(bob.get("/")), "another user's sessions are untouched");
            assertEquals(303, new TestClient(port, FIREFOX).post("/logout/everywhere", Map.of()).statusCode(), "anonymous");
        }

        @Test
        @DisplayName("GET /sessions lists the user's own devices as HTML and JSON, the current one marked")
        void list() throws Exception {
            TestClient laptop = signedIn("alice", FIREFOX);
            signedIn("alice", CHROME_MAC);
            signedIn("bob", FIREFOX);
            HttpResponse<String> html = laptop.get("/sessions");
            assertEquals(200, html.statusCode());
            assertTrue(html.body().contains("this device") && html.body().contains("Firefox") && html.body().contains("Chrome"));
            List<Object> list = jsonList(laptop.get("/sessions", "Accept", JSON));
            assertTrue(list.size() >= 2);
            long current = list.stream().map(o -> (Map<?, ?>) o).filter(m -> Boolean.TRUE.equals(m.get("current"))).count();
            assertEquals(1, current);
            Map<?, ?> first = (Map<?, ?>) list.get(0);
            for (String field : List.of("id", "current", "browser", "os", "ip", "createdAt", "lastActiveAt")) {
                assertTrue(first.containsKey(field), field);
            }
            Instant.parse((String) first.get("lastActiveAt"));
        }

        @Test
        @DisplayName("POST /sessions/{id}/revoke ends one own session; another user's handle or garbage is 404")
        void revoke() throws Exception {
            TestClient laptop = signedIn("alice", FIREFOX);
            TestClient phone = signedIn("alice", CHROME_MAC);
            TestClient bob = signedIn("bob", FIREFOX);
            String phoneHandle = currentHandle(phone);
            String bobHandle = currentHandle(bob);
            assertEquals(404, laptop.post("/sessions/" + bobHandle + "/revoke", Map.of()).statusCode());
            assertTrue(isHome(bob.get("/")));
            assertEquals(404, laptop.post("/sessions/%3Cscript%3E/revoke", Map.of()).statusCode());
            assertEquals(404, laptop.post("/sessions/x/y/revoke", Map.of()).statusCode());
            HttpResponse<String> revoked = laptop.post("/sessions/" + phoneHandle + "/revoke", Map.of());
            assertEquals(303, revoked.statusCode());
            assertEquals(303, phone.get("/").statusCode());
            assertTrue(isHome(laptop.get("/")));
            HttpResponse<String> self = laptop.post("/sessions/" + currentHandle(laptop) + "/revoke", Map.of());
            assertEquals(303, self.statusCode());
            assertTrue(self.headers().firstValue("Location").orElseThrow().startsWith("/login"));
            assertEquals(303, laptop.get("/").statusCode());
        }

        private String currentHandle(TestClient client) throws Exception {
            return jsonList(client.get("/sessions", "Accept", JSON)).stream().map(o -> (Map<?, ?>) o)
                    .filter(m -> Boolean.TRUE.equals(m.get("current"))).map(m -> (String) m.get("id")).findFirst().orElseThrow();
        }
    }

    @Nested
    @DisplayName("account changes")
    class Account {
        @Test
        @DisplayName("POST /account/password ends the other sessions and tokens, keeps this one under a new id")
        void password() throws Exception {
            ExampleApp own = new ExampleApp();
            int ownPort = own.start(config());
            try {
                TestClient laptop = new TestClient(ownPort, FIREFOX);
                laptop.login("alice", "alice-password", false);
                TestClient phone = new TestClient(ownPort, CHROME_MAC);
                phone.login("alice", "alice-password", false);
                String refresh = (String) jsonObject(new TestClient(ownPort, FIREFOX)
                        .postJson("/api/token", "{\"username\":\"alice\",\"password\":\"alice-password\"}")).get("refresh_token");
                assertEquals(400, laptop.post("/account/password", Map.of("currentPassword", "wrong", "newPassword", "long-enough-1")).statusCode());
                assertEquals(400, laptop.post("/account/password", Map.of("currentPassword", "alice-password", "newPassword", "short")).statusCode());
                String oldId = laptop.cookies.get("__Host-sid");
                HttpResponse<String> changed = laptop.post("/account/password",
                        Map.of("currentPassword", "alice-password", "newPassword", "a-new-password"));
                assertEquals(303, changed.statusCode());
                assertNotEquals(oldId, laptop.cookies.get("__Host-sid"), "rotated");
                assertTrue(isHome(laptop.get("/")));
                assertEquals(303, phone.get("/").statusCode());
                TestClient old = new TestClient(ownPort, FIREFOX);
                old.cookies.put("__Host-sid", oldId);
                assertEquals(303, old.get("/").statusCode());
                assertEquals(400, new TestClient(ownPort, FIREFOX).postJson("/api/token/refresh",
                        "{\"refresh_token\":\"" + refresh + "\"}").statusCode());
                assertEquals(401, new TestClient(ownPort, FIREFOX).login("alice", "alice-password", false).statusCode());
                assertEquals(303, new TestClient(ownPort, FIREFOX).login("alice", "a-new-password", false).statusCode());
            } finally {
                own.stop();
            }
        }

        @Test
        @DisplayName("POST /account/email ends the other sessions, keeps this one; a bad address is 400")
        void email() {
            TestClient laptop = signedIn("bob", FIREFOX);
            TestClient phone = signedIn("bob", CHROME_MAC);
            assertEquals(400, laptop.post("/account/email", Map.of("email", "<b>@x")).statusCode());
            assertTrue(isHome(phone.get("/")));
            HttpResponse<String> changed = laptop.post("/account/email", Map.of("email", "bob@example.org"));
            assertEquals(303, changed.statusCode());
            assertTrue(laptop.get("/account").body().contains("bob@example.org"));
            assertEquals(303, phone.get("/").statusCode());
        }

        @Test
        @DisplayName("POST /account/report-concern ends every session, this one included")
        void reportConcern() {
            TestClient laptop = signedIn("bob", FIREFOX);
            TestClient phone = signedIn("bob", CHROME_MAC);
            HttpResponse<String> reported = laptop.post("/account/report-concern", Map.of());
            assertEquals(303, reported.statusCode());
            assertTrue(reported.headers().firstValue("Location").orElseThrow().startsWith("/login"));
            assertEquals(303, laptop.get("/").statusCode());
            assertEquals(303, phone.get("/").statusCode());
        }

        @Test
        @DisplayName("GET /account shows the three forms")
        void page() {
            String body = signedIn("alice", FIREFOX).get("/account").body();
            assertTrue(body.contains("/account/password") && body.contains("/account/email") && body.contains("/account/report-concern"));
        }
    }

    @Nested
    @DisplayName("token API")
    class Tokens {
        Map<String, Object> token(TestClient client, String user) throws Exception {
            HttpResponse<String> r = client.postJson("/api/token", "{\"username\":\"" + user + "\",\"password\":\"" + user + "-password\"}");
            assertEquals(200, r.statusCode(), r.body());
            return jsonObject(r);
        }

        @Test
        @DisplayName("POST /api/token answers a signed JWT of at most 15 minutes with a jti, a refresh token, Bearer")
        void issue() throws Exception {
            Map<String, Object> pair = token(new TestClient(port, FIREFOX), "alice");
            assertEquals("Bearer", pair.get("token_type"));
            assertTrue(((Number) pair.get("expires_in")).longValue() <= 900);
            SignedJWT jwt = SignedJWT.parse((String) pair.get("access_token"));
            assertTrue(jwt.getJWTClaimsSet().getJWTID() != null);
            Duration life = Duration.between(jwt.getJWTClaimsSet().getIssueTime().toInstant(),
                    jwt.getJWTClaimsSet().getExpirationTime().toInstant());
            assertTrue(life.compareTo(Duration.ofMinutes(15)) <= 0);
            assertTrue(pair.get("refresh_token") instanceof String);
        }

        @Test
        @DisplayName("wrong credentials are 401, a body that is not JSON 400")
        void refused() {
            TestClient client = new TestClient(port, FIREFOX);
            assertEquals(401, client.postJson("/api/token", "{\"username\":\"alice\",\"password\":\"nope\"}").statusCode());
            assertEquals(400, client.postJson("/api/token", "not json").statusCode());
            assertEquals(400, client.postJson("/api/token", "[1,2]").statusCode());
            assertEquals(400, client.postJson("/api/token", "{\"username\":" + "[".repeat(10_000)).statusCode());
        }

        @Test
        @DisplayName("GET /api/me names the bearer's user; no token, garbage or a tampered token is 401")
        void me() throws Exception {
            TestClient client = new TestClient(port, FIREFOX);
            String access = (String) token(client, "bob").get("access_token");
            HttpResponse<String> me = client.get("/api/me", "Authorization", "Bearer " + access);
            assertEquals(200, me.statusCode());
            assertEquals("bob", jsonObject(me).get("user"));
            assertEquals(401, client.get("/api/me").statusCode());
            assertEquals(401, client.get("/api/me", "Authorization", "Bearer garbage").statusCode());
            String[] parts = access.split("\\.");
            String alg = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
            assertEquals(401, client.get("/api/me", "Authorization", "Bearer " + alg + "." + parts[1] + ".").statusCode());
        }

        @Test
        @DisplayName("POST /api/token/refresh rotates the pair; the spent refresh token is refused and kills its family")
        void refresh() throws Exception {
            TestClient client = new TestClient(port, FIREFOX);
            String first = (String) token(client, "alice").get("refresh_token");
            HttpResponse<String> rotated = client.postJson("/api/token/refresh", "{\"refresh_token\":\"" + first + "\"}");
            assertEquals(200, rotated.statusCode());
            String second = (String) jsonObject(rotated).get("refresh_token");
            assertNotEquals(first, second);
            assertEquals(400, client.postJson("/api/token/refresh", "{\"refresh_token\":\"" + first + "\"}").statusCode());
            assertEquals(400, client.postJson("/api/token/refresh", "{\"refresh_token\":\"" + second + "\"}").statusCode(),
                    "reuse revoked the family");
            assertEquals(400, client.postJson("/api/token/refresh", "{}").statusCode());
        }

        @Test
        @DisplayName("POST /api/logout is 204 and revokes the access and the refresh token")
        void logout() throws Exception {
            TestClient client = new TestClient(port, FIREFOX);
            Map<String, Object> pair = token(client, "alice");
            String bearer = "Bearer " + pair.get("access_token");
            HttpResponse<String> out = client.postJson("/api/logout", "{\"refresh_token\":\"" + pair.get("refresh_token") + "\"}",
                    "Authorization", bearer);
            assertEquals(204, out.statusCode());
            assertEquals(401, client.get("/api/me", "Authorization", bearer).statusCode());
            assertEquals(400, client.postJson("/api/token/refresh", "{\"refresh_token\":\"" + pair.get("refresh_token") + "\"}").statusCode());
            assertEquals(204, client.postJson("/api/logout", "{}").statusCode(), "nothing presented: same answer");
        }

        @Test
        @DisplayName("POST /api/logout/everywhere is 204 and ends the user's tokens and web sessions")
        void everywhere() throws Exception {
            TestClient browser = signedIn("bob", FIREFOX);
            TestClient api = new TestClient(port, "curl/8.0");
            Map<String, Object> first = token(api, "bob");
            Map<String, Object> second = token(api, "bob");
            assertEquals(204, api.postJson("/api/logout/everywhere", "{}", "Authorization", "Bearer " + first.get("access_token")).statusCode());
            assertEquals(401, api.get("/api/me", "Authorization", "Bearer " + second.get("access_token")).statusCode());
            assertEquals(400, api.postJson("/api/token/refresh", "{\"refresh_token\":\"" + second.get("refresh_token") + "\"}").statusCode());
            assertEquals(303, browser.get("/").statusCode());
            assertEquals(401, api.postJson("/api/logout/everywhere", "{}").statusCode());
            String fresh = (String) token(api, "bob").get("access_token");
            assertEquals(200, api.get("/api/me", "Authorization", "Bearer " + fresh).statusCode(), "new tokens work");
        }

        @Test
        @DisplayName("POST /oauth/revoke (RFC 7009) revokes a refresh or an access token; 200 for anything, 400 without token")
        void revoke() throws Exception {
            TestClient client = new TestClient(port, "curl/8.0");
            Map<String, Object> pair = token(client, "alice");
            assertEquals(200, client.post("/oauth/revoke", Map.of("token", (String) pair.get("refresh_token"),
                    "token_type_hint", "refresh_token")).statusCode());
            assertEquals(400, client.postJson("/api/token/refresh", "{\"refresh_token\":\"" + pair.get("refresh_token") + "\"}").statusCode());
            String access = (String) pair.get("access_token");
            assertEquals(200, client.get("/api/me", "Authorization", "Bearer " + access).statusCode());
            assertEquals(200, client.post("/oauth/revoke", Map.of("token", access)).statusCode());
            assertEquals(401, client.get("/api/me", "Authorization", "Bearer " + access).statusCode());
            assertEquals(200, client.post("/oauth/revoke", Map.of("token", "garbage")).statusCode());
            assertEquals(400, client.post("/oauth/revoke", Map.of()).statusCode());
        }
    }

    @Nested
    @DisplayName("live notices")
    class Events {
        @Test
        @DisplayName("GET /events sends event: logout within a second when the session is ended elsewhere")
        void logoutEvent() throws Exception {
            TestClient laptop = signedIn("alice", FIREFOX);
            TestClient phone = signedIn("alice", CHROME_MAC);
            CompletableFuture<String> event = phone.openEvents();
            Instant sent = Instant.now();
            laptop.post("/logout/everywhere", Map.of("keepCurrent", "true"));
            String received = event.get(5, TimeUnit.SECONDS);
            assertTrue(Duration.between(sent, Instant.now()).compareTo(Duration.ofSeconds(1)) < 0, "within a second");
            assertEquals("event: logout", received);
        }

        @Test
        @DisplayName("GET /events without a session is 401")
        void anonymous() {
            assertEquals(401, new TestClient(port, FIREFOX).get("/events", "Accept", "text/event-stream").statusCode());
        }
    }
}
