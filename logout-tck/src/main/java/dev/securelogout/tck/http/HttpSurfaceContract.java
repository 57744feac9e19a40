package dev.securelogout.tck.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fixed HTTP surface of an app wired with secure-logout, over real HTTP: every route of
 * {@code examples/README.md} and what each guarantees. An adapter author proves an app by
 * extending this class with one hook, {@link #app()}: where the app listens and its two demo users.
 * The app is started and stopped by the subclass (for example in {@code @BeforeAll}); the suite
 * needs nothing but the JDK's HTTP client, raw sockets and JUnit.
 *
 * <pre>{@code
 * class MyAppHttpSurfaceIT extends HttpSurfaceContract {
 *     @BeforeAll void start() { port = myApp.start(0); }
 *     @AfterAll void stop() { myApp.stop(); }
 *     @Override protected HttpApp app() { return HttpApp.onLoopback(port); }
 * }
 * }</pre>
 *
 * The suite signs the demo users in and out many times and changes {@link HttpApp#first()}'s
 * password and back; run it against an app of its own, not one people use. Of the HTML it reads
 * only: the login form's {@code name="username"}, "You have been logged out" on
 * {@code /login?logout}, the home page's {@code id="user"} element holding the user name, "this
 * device" and the browser names on {@code /sessions}, and the three form actions on
 * {@code /account}. The outage group
 * (503 while the store is down) is {@link StoreOutageContract}, for apps whose store a test can take
 * down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HttpSurfaceContract {

    /** For subclasses, one per implementation under test. */
    protected HttpSurfaceContract() {
    }

    /** A desktop browser's User-Agent. */
    public static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    /** Another device's User-Agent. */
    public static final String CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    /** What an API client asks for. */
    public static final String JSON = "application/json";
    /** The session cookie's name. */
    public static final String SESSION_COOKIE = "__Host-sid";
    /** The remember-me cookie's name. */
    public static final String REMEMBER_COOKIE = "__Host-remember";

    /**
     * The app under test: where it listens (already started when a test runs) and its two demo users.
     *
     * @return the app under test
     */
    protected abstract HttpApp app();

    /**
     * A new client without cookies.
     *
     * @param userAgent the {@code User-Agent} header
     * @return a new client without cookies
     */
    protected TestClient client(String userAgent) {
        return new TestClient(app().base(), userAgent);
    }

    /**
     * A new client signed in as {@code user} without remember-me.
     *
     * @param user the user
     * @param userAgent the {@code User-Agent} header
     * @return a new client signed in as {@code user} without remember-me
     */
    protected TestClient signedIn(HttpApp.DemoUser user, String userAgent) {
        TestClient client = client(userAgent);
        HttpResponse<String> login = client.login(user, false);
        assertEquals(303, login.statusCode(), "login of " + user.name());
        return client;
    }

    HttpApp.DemoUser alice() {
        return app().first();
    }

    HttpApp.DemoUser bob() {
        return app().second();
    }

    /**
     * Whether {@code response} is the signed-in home page.
     *
     * @param response the response
     * @return whether {@code response} is the signed-in home page
     */
    public static boolean isHome(HttpResponse<String> response) {
        return response.statusCode() == 200 && response.body().contains("id=\"user\"");
    }

    /**
     * Whether {@code response} sends a browser to the login page.
     *
     * @param response the response
     * @return whether {@code response} sends a browser to the login page
     */
    public static boolean toLogin(HttpResponse<String> response) {
        return response.statusCode() == 303 && response.headers().firstValue("Location").orElse("").startsWith("/login");
    }

    static List<Object> jsonList(HttpResponse<String> response) {
        return Json.array(response.body());
    }

    static Map<String, Object> jsonObject(HttpResponse<String> response) {
        return Json.object(response.body());
    }

    /** The handle ({@code id}) of the client's current session, from the JSON device list. */
    static String currentHandle(TestClient client) {
        return jsonList(client.get("/sessions", "Accept", JSON)).stream().map(o -> (Map<?, ?>) o)
                .filter(m -> Boolean.TRUE.equals(m.get("current"))).map(m -> (String) m.get("id")).findFirst().orElseThrow();
    }

    static HttpResponse<String> postWith(TestClient client, String path, String... headers) {
        return client.send(client.request(path, headers).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build());
    }

    @Nested
    @DisplayName("public routes")
    class PublicRoutes {
        @Test
        @DisplayName("GET /healthz is 200 without authentication")
        void healthz() {
            assertEquals(200, client(FIREFOX).get("/healthz").statusCode());
        }

        @Test
        @DisplayName("GET / anonymous is 303 to /login; with Accept JSON 401")
        void homeAnonymous() {
            TestClient anonymous = client(FIREFOX);
            HttpResponse<String> page = anonymous.get("/");
            assertEquals(303, page.statusCode());
            assertEquals("/login", page.headers().firstValue("Location").orElseThrow());
            assertEquals(401, anonymous.get("/", "Accept", JSON).statusCode());
        }

        @Test
        @DisplayName("GET /login is the form, with a strict CSP and the logged-out notice when asked")
        void loginForm() {
            TestClient client = client(FIREFOX);
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
        @DisplayName("logout.js is served from /assets/ as JavaScript; an unknown asset or path is 404")
        void assets() {
            TestClient client = client(FIREFOX);
            HttpResponse<String> script = client.get("/assets/logout.js");
            assertEquals(200, script.statusCode());
            assertTrue(script.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
            assertTrue(script.body().contains("BroadcastChannel"));
            assertEquals(404, client.get("/assets/nope.js").statusCode());
            int traversal = client.get("/assets/../pom.xml").statusCode();
            assertTrue(traversal == 400 || traversal == 404, "traversal answered " + traversal);
            assertEquals(404, client.get("/no-such-page").statusCode());
        }
    }

    @Nested
    @DisplayName("login and logout")
    class LoginLogout {
        @Test
        @DisplayName("POST /login with the right password is 303 to / with a hardened session cookie")
        void login() {
            TestClient client = client(FIREFOX);
            HttpResponse<String> login = client.login(alice(), false);
            assertEquals(303, login.statusCode());
            assertEquals("/", login.headers().firstValue("Location").orElseThrow());
            String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(SESSION_COOKIE + "="))
                    .findFirst().orElseThrow();
            assertTrue(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax")
                    && cookie.contains("Path=/"), cookie);
            HttpResponse<String> home = client.get("/");
            assertTrue(isHome(home));
            assertTrue(home.body().contains(">" + alice().name() + "<"));
        }

        @Test
        @DisplayName("a session cookie, remember-me cookie or refresh token does not name its user: its partition is keyed, not a digest of the user name")
        void credentialsDoNotNameTheirUser() throws Exception {
            TestClient client = client(FIREFOX);
            HttpResponse<String> login = client.login(alice(), true);
            assertEquals(303, login.statusCode());
            String unkeyed = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(alice().name().getBytes(StandardCharsets.UTF_8))).substring(0, 11);
            List<String> credentials = new ArrayList<>(login.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith(SESSION_COOKIE + "=") || c.startsWith(REMEMBER_COOKIE + "="))
                    .map(c -> c.substring(c.indexOf('=') + 1, c.indexOf(';'))).toList());
            HttpResponse<String> pair = client(FIREFOX).postJson("/api/token", credentials(alice()));
            assertEquals(200, pair.statusCode(), pair.body());
            credentials.add((String) jsonObject(pair).get("refresh_token"));
            assertEquals(3, credentials.size(), credentials.toString());
            for (String credential : credentials) {
                assertFalse(credential.startsWith(unkeyed), "the credential's partition is SHA-256 of the user name");
            }
        }

        @Test
        @DisplayName("wrong credentials get 401 and no session")
        void wrongPassword() {
            TestClient client = client(FIREFOX);
            for (String[] attempt : new String[][] {{alice().name(), bob().password()}, {"nobody", "x"},
                    {alice().name(), "a".repeat(5000)}}) {
                HttpResponse<String> login = client.login(attempt[0], attempt[1], false);
                assertEquals(401, login.statusCode());
                assertTrue(login.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith(SESSION_COOKIE + "=")));
            }
            assertEquals(303, client.get("/").statusCode());
        }

        @Test
        @DisplayName("POST /logout is 303 to /login?logout, deletes the cookies, sends Clear-Site-Data; the copied cookies are refused")
        void logout() {
            TestClient client = client(FIREFOX);
            client.login(alice(), true);
            Map<String, String> copied = Map.copyOf(client.cookies);
            HttpResponse<String> logout = client.post("/logout", Map.of());
            assertEquals(303, logout.statusCode());
            assertEquals("/login?logout", logout.headers().firstValue("Location").orElseThrow());
            assertTrue(logout.headers().firstValue("Clear-Site-Data").orElseThrow().contains("\"cookies\""));
            assertFalse(client.cookies.containsKey(SESSION_COOKIE) || client.cookies.containsKey(REMEMBER_COOKIE), client.cookies.toString());
            assertTrue(client.get(logout.headers().firstValue("Location").orElseThrow()).body().contains("You have been logged out"));
            TestClient thief = client(FIREFOX);
            thief.cookies.putAll(copied);
            assertEquals(303, thief.get("/").statusCode(), "neither the session nor the remember-me cookie works");
            assertEquals(401, thief.get("/sessions", "Accept", JSON).statusCode());
        }

        @Test
        @DisplayName("POST /logout answers the same with a valid session, without one, and with an expired, forged or garbage one")
        void identicalAnswers() {
            TestClient real = client(FIREFOX);
            real.login(alice(), true);
            Answer valid = Answer.of(real.post("/logout", Map.of()));
            Answer spent = Answer.of(planted(Map.copyOf(real.cookies)).post("/logout", Map.of()));
            Answer none = Answer.of(client(FIREFOX).post("/logout", Map.of()));
            Answer forged = Answer.of(planted(Map.of(SESSION_COOKIE, "AAAAAAAAAAA." + "A".repeat(43),
                    REMEMBER_COOKIE, "forged.<script>")).post("/logout", Map.of()));
            Answer garbage = Answer.of(planted(Map.of(SESSION_COOKIE, "%00%zz'--")).post("/logout", Map.of()));
            for (Answer other : List.of(spent, none, forged, garbage)) {
                assertEquals(valid, other);
            }
            assertTrue(valid.setCookies().size() >= 2, valid.toString());
        }

        private TestClient planted(Map<String, String> cookies) {
            TestClient client = client(FIREFOX);
            client.cookies.putAll(cookies);
            return client;
        }

        @Test
        @DisplayName("logout with Accept JSON is 204 with the same cookie deletions")
        void logoutJson() {
            TestClient client = signedIn(alice(), FIREFOX);
            HttpResponse<String> out = client.post("/logout", Map.of(), "Accept", JSON);
            assertEquals(204, out.statusCode());
            assertTrue(out.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(SESSION_COOKIE + "=")));
            assertEquals(401, client.get("/", "Accept", JSON).statusCode());
        }

        @Test
        @DisplayName("every cookie set at login is deleted at logout with its name, Path and Domain, Max-Age=0, Secure, HttpOnly")
        void cookiesCleared() {
            TestClient client = client(FIREFOX);
            List<SetCookie> set = client.login(alice(), true).headers().allValues("Set-Cookie").stream().map(SetCookie::parse).toList();
            assertTrue(set.stream().anyMatch(c -> c.name().equals(SESSION_COOKIE)), set.toString());
            assertTrue(set.stream().anyMatch(c -> c.name().equals(REMEMBER_COOKIE)), set.toString());
            for (SetCookie cookie : set) {
                assertTrue(cookie.secure() && cookie.httpOnly(), "set hardened: " + cookie);
            }
            List<SetCookie> deleted = client.post("/logout", Map.of()).headers().allValues("Set-Cookie").stream()
                    .map(SetCookie::parse).toList();
            for (SetCookie cookie : set) {
                SetCookie deletion = deleted.stream().filter(d -> d.reaches(cookie)).findFirst()
                        .orElseThrow(() -> new AssertionError("no deletion reaches " + cookie + " in " + deleted));
                assertEquals(Optional.of(0L), deletion.maxAge(), deletion.toString());
                assertTrue(deletion.secure() && deletion.httpOnly(), "deleted as it was set: " + deletion);
            }
        }
    }

    /** The parts of a logout answer that must not tell whether a session existed. */
    record Answer(int status, Optional<String> location, List<String> setCookies, Optional<String> clearSiteData,
                  Optional<String> cacheControl, String body) {
        static Answer of(HttpResponse<String> r) {
            return new Answer(r.statusCode(), r.headers().firstValue("Location"), r.headers().allValues("Set-Cookie").stream().sorted().toList(),
                    r.headers().firstValue("Clear-Site-Data"), r.headers().firstValue("Cache-Control"), r.body());
        }
    }

    @Nested
    @DisplayName("POST only and the cross-site rule")
    class StateChanges {
        /** Every browser route that changes state, with a form that would succeed. */
        private Map<String, Map<String, String>> routes(TestClient victim) {
            return Map.of("/logout", Map.of(), "/logout/everywhere", Map.of(),
                    "/sessions/" + currentHandle(victim) + "/revoke", Map.of(),
                    "/account/email", Map.of("email", "mallory@example.org"),
                    "/account/password", Map.of("currentPassword", alice().password(), "newPassword", "mallory-password"),
                    "/account/report-concern", Map.of());
        }

        @Test
        @DisplayName("GET of every state-changing route is 405 (or 404) and changes nothing")
        void getNeverChangesState() {
            TestClient client = signedIn(alice(), FIREFOX);
            for (String path : routes(client).keySet()) {
                HttpResponse<String> get = client.get(path);
                assertTrue(get.statusCode() == 405 || get.statusCode() == 404, "GET " + path + " answered " + get.statusCode());
                assertTrue(isHome(client.get("/")), "still signed in after GET " + path);
            }
            assertEquals("POST", client.get("/logout").headers().firstValue("Allow").orElseThrow());
        }

        @Test
        @DisplayName("Sec-Fetch-Site cross-site or same-site, a foreign Origin or Origin null: 403 on every state change, nothing changes")
        void crossSiteRefused() {
            TestClient client = signedIn(alice(), FIREFOX);
            List<String[]> hostile = List.of(new String[] {"Sec-Fetch-Site", "cross-site"}, new String[] {"Sec-Fetch-Site", "same-site"},
                    new String[] {"Origin", "https://evil.example"}, new String[] {"Origin", "null"},
                    new String[] {"Origin", client.base().toString().replace("127.0.0.1", "localhost")});
            for (Map.Entry<String, Map<String, String>> route : routes(client).entrySet()) {
                for (String[] header : hostile) {
                    HttpResponse<String> r = client.send(client.request(route.getKey(), header)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form(route.getValue()))).build());
                    assertEquals(403, r.statusCode(), route.getKey() + " with " + String.join(": ", header));
                }
            }
            assertTrue(isHome(client.get("/")), "nothing changed");
            assertEquals(303, client(FIREFOX).login(alice(), false).statusCode(), "the password is unchanged");
        }

        @Test
        @DisplayName("same-origin (Sec-Fetch-Site, Origin) and a request with neither header (not a browser) pass")
        void sameOriginPasses() {
            TestClient first = signedIn(alice(), FIREFOX);
            assertEquals(303, postWith(first, "/logout", "Sec-Fetch-Site", "same-origin", "Origin", first.base().toString()).statusCode());
            assertEquals(303, first.get("/").statusCode());
            TestClient second = signedIn(alice(), FIREFOX);
            assertTrue(toLogin(postWith(second, "/logout")));
            assertEquals(303, second.get("/").statusCode());
        }

        private static String form(Map<String, String> fields) {
            StringBuilder out = new StringBuilder();
            fields.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(k).append('=').append(v.replace(" ", "+")));
            return out.toString();
        }
    }

    @Nested
    @DisplayName("logout everywhere, devices and remember-me")
    class Everywhere {
        @Test
        @DisplayName("logout on one device leaves the other signed in")
        void logoutOneDevice() {
            TestClient laptop = signedIn(alice(), FIREFOX);
            TestClient phone = signedIn(alice(), CHROME_MAC);
            laptop.post("/logout", Map.of());
            assertEquals(303, laptop.get("/").statusCode());
            assertTrue(isHome(phone.get("/")));
        }

        @Test
        @DisplayName("POST /logout/everywhere ends every session; keepCurrent=true keeps this one; other values are 400")
        void everywhere() {
            TestClient laptop = signedIn(alice(), FIREFOX);
            TestClient phone = signedIn(alice(), CHROME_MAC);
            TestClient other = signedIn(bob(), FIREFOX);
            assertEquals(400, laptop.post("/logout/everywhere", Map.of("keepCurrent", "maybe")).statusCode());
            assertTrue(isHome(phone.get("/")), "a 400 changes nothing");
            HttpResponse<String> keep = laptop.post("/logout/everywhere", Map.of("keepCurrent", "true"));
            assertEquals(303, keep.statusCode());
            assertEquals("/sessions", keep.headers().firstValue("Location").orElseThrow());
            assertTrue(isHome(laptop.get("/")));
            assertEquals(303, phone.get("/").statusCode());
            TestClient tablet = signedIn(alice(), CHROME_MAC);
            HttpResponse<String> all = laptop.post("/logout/everywhere", Map.of());
            assertTrue(toLogin(all));
            assertTrue(all.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(SESSION_COOKIE + "=")));
            assertEquals(303, laptop.get("/").statusCode());
            assertEquals(303, tablet.get("/").statusCode());
            assertTrue(isHome(other.get("/")), "another user's sessions are untouched");
            assertEquals(303, client(FIREFOX).post("/logout/everywhere", Map.of()).statusCode(), "anonymous");
        }

        @Test
        @DisplayName("logout everywhere with keepCurrent ends the other devices' remember-me series; this session stays")
        void everywhereEndsRememberMe() {
            TestClient laptop = client(FIREFOX);
            laptop.login(alice(), true);
            TestClient phone = client(CHROME_MAC);
            phone.login(alice(), true);
            assertEquals(303, laptop.post("/logout/everywhere", Map.of("keepCurrent", "true")).statusCode());
            phone.cookies.remove(SESSION_COOKIE);
            assertEquals(303, phone.get("/").statusCode(), "the phone's remember-me cookie is refused");
            assertTrue(isHome(laptop.get("/")), "this session stays");
        }

        @Test
        @DisplayName("remember-me is per device: it restores a session and rotates; logout of one device ends only its series")
        void rememberMePerDevice() {
            TestClient laptop = client(FIREFOX);
            laptop.login(alice(), true);
            TestClient phone = client(CHROME_MAC);
            phone.login(alice(), true);
            String firstToken = laptop.cookies.get(REMEMBER_COOKIE);
            laptop.cookies.remove(SESSION_COOKIE);
            assertTrue(isHome(laptop.get("/")));
            assertTrue(laptop.cookies.containsKey(SESSION_COOKIE));
            assertNotEquals(firstToken, laptop.cookies.get(REMEMBER_COOKIE), "the token rotated");
            Map<String, String> copied = Map.copyOf(laptop.cookies);
            laptop.post("/logout", Map.of());
            TestClient thief = client(FIREFOX);
            thief.cookies.put(REMEMBER_COOKIE, copied.get(REMEMBER_COOKIE));
            assertEquals(303, thief.get("/").statusCode(), "the laptop's copied remember-me cookie is refused");
            phone.cookies.remove(SESSION_COOKIE);
            assertTrue(isHome(phone.get("/")), "the phone's series is untouched");
        }

        @Test
        @DisplayName("GET /sessions lists the user's own devices as HTML and JSON, the current one marked")
        void list() {
            TestClient laptop = signedIn(alice(), FIREFOX);
            signedIn(alice(), CHROME_MAC);
            TestClient other = signedIn(bob(), FIREFOX);
            String otherHandle = currentHandle(other);
            HttpResponse<String> html = laptop.get("/sessions");
            assertEquals(200, html.statusCode());
            assertTrue(html.body().contains("this device") && html.body().contains("Firefox") && html.body().contains("Chrome"));
            assertFalse(html.body().contains(otherHandle));
            HttpResponse<String> json = laptop.get("/sessions", "Accept", JSON);
            assertFalse(json.body().contains(otherHandle), "another user's device is never listed");
            List<Object> list = jsonList(json);
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
        void revoke() {
            TestClient laptop = signedIn(alice(), FIREFOX);
            TestClient phone = signedIn(alice(), CHROME_MAC);
            TestClient other = signedIn(bob(), FIREFOX);
            String phoneHandle = currentHandle(phone);
            String otherHandle = currentHandle(other);
            HttpResponse<String> idor = laptop.post("/sessions/" + otherHandle + "/revoke", Map.of());
            assertEquals(404, idor.statusCode());
            assertTrue(isHome(other.get("/")));
            HttpResponse<String> unknown = laptop.post("/sessions/" + "A".repeat(otherHandle.length()) + "/revoke", Map.of());
            assertEquals(idor.statusCode(), unknown.statusCode(), "another user's handle answers like an unknown one");
            assertEquals(idor.body(), unknown.body());
            assertEquals(404, laptop.post("/sessions/%3Cscript%3E/revoke", Map.of()).statusCode());
            assertEquals(404, laptop.post("/sessions/x/y/revoke", Map.of()).statusCode());
            HttpResponse<String> revoked = laptop.post("/sessions/" + phoneHandle + "/revoke", Map.of());
            assertEquals(303, revoked.statusCode());
            assertEquals(303, phone.get("/").statusCode());
            assertTrue(isHome(laptop.get("/")));
            HttpResponse<String> self = laptop.post("/sessions/" + currentHandle(laptop) + "/revoke", Map.of());
            assertTrue(toLogin(self));
            assertEquals(303, laptop.get("/").statusCode());
        }
    }

    @Nested
    @DisplayName("security events")
    class Account {
        @Test
        @DisplayName("POST /account/password ends the other sessions and tokens, keeps this one under a new id")
        void password() {
            String changedTo = alice().password() + "-changed";
            try {
                TestClient laptop = signedIn(alice(), FIREFOX);
                TestClient phone = signedIn(alice(), CHROME_MAC);
                String refresh = (String) jsonObject(client(FIREFOX).postJson("/api/token", credentials(alice()))).get("refresh_token");
                assertEquals(400, laptop.post("/account/password", Map.of("currentPassword", "wrong", "newPassword", "long-enough-1")).statusCode());
                assertEquals(400, laptop.post("/account/password", Map.of("currentPassword", alice().password(), "newPassword", "short")).statusCode());
                String oldId = laptop.cookies.get(SESSION_COOKIE);
                HttpResponse<String> changed = laptop.post("/account/password",
                        Map.of("currentPassword", alice().password(), "newPassword", changedTo));
                assertEquals(303, changed.statusCode());
                assertNotEquals(oldId, laptop.cookies.get(SESSION_COOKIE), "rotated");
                assertTrue(isHome(laptop.get("/")));
                assertEquals(303, phone.get("/").statusCode());
                TestClient old = client(FIREFOX);
                old.cookies.put(SESSION_COOKIE, oldId);
                assertEquals(303, old.get("/").statusCode());
                assertEquals(400, client(FIREFOX).postJson("/api/token/refresh", "{\"refresh_token\":\"" + refresh + "\"}").statusCode());
                assertEquals(401, client(FIREFOX).login(alice(), false).statusCode());
            } finally {
                TestClient restore = client(FIREFOX);
                if (restore.login(alice().name(), changedTo, false).statusCode() == 303) {
                    assertEquals(303, restore.post("/account/password",
                            Map.of("currentPassword", changedTo, "newPassword", alice().password())).statusCode(), "password set back");
                }
            }
        }

        @Test
        @DisplayName("POST /account/email ends the other sessions, keeps this one; a bad address is 400")
        void email() {
            TestClient laptop = signedIn(bob(), FIREFOX);
            TestClient phone = signedIn(bob(), CHROME_MAC);
            assertEquals(400, laptop.post("/account/email", Map.of("email", "<b>@x")).statusCode());
            assertTrue(isHome(phone.get("/")));
            HttpResponse<String> changed = laptop.post("/account/email", Map.of("email", bob().name() + "@example.org"));
            assertEquals(303, changed.statusCode());
            assertTrue(laptop.get("/account").body().contains(bob().name() + "@example.org"));
            assertEquals(303, phone.get("/").statusCode());
        }

        @Test
        @DisplayName("POST /account/report-concern ends every session, this one included")
        void reportConcern() {
            TestClient laptop = signedIn(bob(), FIREFOX);
            TestClient phone = signedIn(bob(), CHROME_MAC);
            HttpResponse<String> reported = laptop.post("/account/report-concern", Map.of());
            assertTrue(toLogin(reported));
            assertEquals(303, laptop.get("/").statusCode());
            assertEquals(303, phone.get("/").statusCode());
        }

        @Test
        @DisplayName("GET /account shows the three forms")
        void page() {
            String body = signedIn(alice(), FIREFOX).get("/account").body();
            assertTrue(body.contains("/account/password") && body.contains("/account/email") && body.contains("/account/report-concern"));
        }
    }

    static String credentials(HttpApp.DemoUser user) {
        return "{\"username\":\"" + user.name() + "\",\"password\":\"" + user.password() + "\"}";
    }

    @Nested
    @DisplayName("token API")
    class Tokens {
        Map<String, Object> token(TestClient client, HttpApp.DemoUser user) {
            HttpResponse<String> r = client.postJson("/api/token", credentials(user));
            assertEquals(200, r.statusCode(), r.body());
            return jsonObject(r);
        }

        @Test
        @DisplayName("POST /api/token answers a JWT of at most 15 minutes with a jti, a refresh token, Bearer")
        void issue() {
            Map<String, Object> pair = token(client(FIREFOX), alice());
            assertEquals("Bearer", pair.get("token_type"));
            assertTrue(((Number) Objects.requireNonNull(pair.get("expires_in"))).longValue() <= 900);
            String[] parts = ((String) Objects.requireNonNull(pair.get("access_token"))).split("\\.");
            assertEquals(3, parts.length);
            Map<String, Object> claims = Json.object(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            assertTrue(claims.get("jti") instanceof String);
            long life = ((Number) Objects.requireNonNull(claims.get("exp"))).longValue() - ((Number) Objects.requireNonNull(claims.get("iat"))).longValue();
            assertTrue(life > 0 && life <= 900, "lives " + life + " s");
            assertTrue(pair.get("refresh_token") instanceof String);
        }

        @Test
        @DisplayName("wrong credentials are 401, a body that is not JSON 400")
        void refused() {
            TestClient client = client(FIREFOX);
            assertEquals(401, client.postJson("/api/token", "{\"username\":\"" + alice().name() + "\",\"password\":\"nope\"}").statusCode());
            assertEquals(400, client.postJson("/api/token", "not json").statusCode());
            assertEquals(400, client.postJson("/api/token", "[1,2]").statusCode());
            assertEquals(400, client.postJson("/api/token", "{\"username\":" + "[".repeat(10_000)).statusCode());
        }

        @Test
        @DisplayName("GET /api/me names the bearer's user; no token, garbage or alg none is 401")
        void me() {
            TestClient client = client(FIREFOX);
            String access = (String) Objects.requireNonNull(token(client, bob()).get("access_token"));
            HttpResponse<String> me = client.get("/api/me", "Authorization", "Bearer " + access);
            assertEquals(200, me.statusCode());
            assertEquals(bob().name(), jsonObject(me).get("user"));
            assertEquals("no-store", me.headers().firstValue("Cache-Control").orElseThrow());
            assertEquals(401, client.get("/api/me").statusCode());
            HttpResponse<String> garbage = client.get("/api/me", "Authorization", "Bearer garbage");
            assertEquals(401, garbage.statusCode());
            assertTrue(garbage.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
            String[] parts = access.split("\\.");
            String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals(401, client.get("/api/me", "Authorization", "Bearer " + none + "." + parts[1] + ".").statusCode());
        }

        @Test
        @DisplayName("POST /api/token/refresh rotates the pair; a racing replay gets the same pair, a replay after the grace window kills the family")
        void refresh() {
            TestClient client = client(FIREFOX);
            String first = (String) token(client, alice()).get("refresh_token");
            String spent = "{\"refresh_token\":\"" + first + "\"}";
            HttpResponse<String> rotated = client.postJson("/api/token/refresh", spent);
            assertEquals(200, rotated.statusCode());
            Map<String, Object> pair = jsonObject(rotated);
            String second = (String) pair.get("refresh_token");
            assertNotEquals(first, second);
            assertEquals(200, client.get("/api/me", "Authorization", "Bearer " + pair.get("access_token")).statusCode());

            HttpResponse<String> racing = client.postJson("/api/token/refresh", spent);
            assertEquals(200, racing.statusCode(), "a second tab that raced the rotation is not logged out");
            assertEquals(second, jsonObject(racing).get("refresh_token"), "and gets the same successor");

            // a replay within the grace window (ten seconds by default) gets the same successor; after it, a refusal
            List<HttpResponse<String>> replays = new ArrayList<>();
            Poll.until(Duration.ofMinutes(1), Duration.ofMillis(500), () -> {
                HttpResponse<String> replay = client.postJson("/api/token/refresh", spent);
                replays.add(replay);
                if (replay.statusCode() == 200) {
                    assertEquals(second, jsonObject(replay).get("refresh_token"));
                }
                return replay.statusCode() != 200;
            }, () -> "a replay still rotated a minute later");
            assertEquals(400, replays.get(replays.size() - 1).statusCode(), "a replay after the grace window is refused");
            assertEquals(400, client.postJson("/api/token/refresh", "{\"refresh_token\":\"" + second + "\"}").statusCode(),
                    "reuse revoked the family");
            assertEquals(400, client.postJson("/api/token/refresh", "{}").statusCode());
        }

        @Test
        @DisplayName("POST /api/logout is 204 and revokes the access and the refresh token; nothing presented, the same answer")
        void logout() {
            TestClient client = client(FIREFOX);
            Map<String, Object> pair = token(client, alice());
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
        void everywhere() {
            TestClient browser = signedIn(bob(), FIREFOX);
            TestClient api = client("curl/8.0");
            Map<String, Object> first = token(api, bob());
            Map<String, Object> second = token(api, bob());
            assertEquals(204, api.postJson("/api/logout/everywhere", "{}", "Authorization", "Bearer " + first.get("access_token")).statusCode());
            assertEquals(401, api.get("/api/me", "Authorization", "Bearer " + second.get("access_token")).statusCode());
            assertEquals(400, api.postJson("/api/token/refresh", "{\"refresh_token\":\"" + second.get("refresh_token") + "\"}").statusCode());
            assertEquals(303, browser.get("/").statusCode());
            assertEquals(401, api.postJson("/api/logout/everywhere", "{}").statusCode());
            String fresh = (String) token(api, bob()).get("access_token");
            assertEquals(200, api.get("/api/me", "Authorization", "Bearer " + fresh).statusCode(), "new tokens work");
        }

        @Test
        @DisplayName("POST /oauth/revoke (RFC 7009) revokes a refresh or an access token; 200 for anything, 400 without token")
        void revoke() {
            TestClient client = client("curl/8.0");
            Map<String, Object> pair = token(client, alice());
            assertEquals(200, client.post("/oauth/revoke", Map.of("token", (String) pair.get("refresh_token"),
                    "token_type_hint", "refresh_token")).statusCode());
            assertEquals(400, client.postJson("/api/token/refresh", "{\"refresh_token\":\"" + pair.get("refresh_token") + "\"}").statusCode());
            String access = (String) pair.get("access_token");
            assertEquals(401, client.get("/api/me", "Authorization", "Bearer " + access).statusCode(),
                    "revoking a refresh token ends the access tokens minted from it (RFC 7009 section 2.1)");
            String other = (String) token(client, alice()).get("access_token");
            assertEquals(200, client.get("/api/me", "Authorization", "Bearer " + other).statusCode());
            assertEquals(200, client.post("/oauth/revoke", Map.of("token", other)).statusCode());
            assertEquals(401, client.get("/api/me", "Authorization", "Bearer " + other).statusCode());
            assertEquals(200, client.post("/oauth/revoke", Map.of("token", "garbage")).statusCode());
            assertEquals(200, client.post("/oauth/revoke", Map.of("token", other, "token_type_hint", "unknown_hint")).statusCode());
            HttpResponse<String> missing = client.post("/oauth/revoke", Map.of());
            assertEquals(400, missing.statusCode());
            assertEquals("invalid_request", jsonObject(missing).get("error"));
        }
    }

    @Nested
    @DisplayName("no-store")
    class NoStore {
        @Test
        @DisplayName("every signed-in page and JSON answer, and every logout answer, carries Cache-Control: no-store")
        void noStore() {
            TestClient client = signedIn(alice(), FIREFOX);
            for (String path : List.of("/", "/sessions", "/account")) {
                HttpResponse<String> page = client.get(path);
                assertEquals(200, page.statusCode(), path);
                assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow(), path);
            }
            assertEquals("no-store", client.get("/sessions", "Accept", JSON).headers().firstValue("Cache-Control").orElseThrow());
            assertEquals("no-store", client.post("/logout", Map.of()).headers().firstValue("Cache-Control").orElseThrow());
            assertEquals("no-store", client.get("/").headers().firstValue("Cache-Control").orElseThrow(), "the redirect to login");
        }
    }

    @Nested
    @DisplayName("hostile input")
    class HostileInput {
        /** Every route of the surface, and one that is not. */
        private static final List<String> ROUTES = List.of("/", "/login", "/logout", "/logout/everywhere", "/sessions",
                "/sessions/AAAAAAAAAAAAAAAAAAAAAA/revoke", "/account", "/account/password", "/account/email", "/account/report-concern",
                "/api/token", "/api/token/refresh", "/api/me", "/api/logout", "/api/logout/everywhere", "/oauth/revoke", "/events",
                "/healthz", "/assets/logout.js", "/no-such-page");
        /** What no answer may hold: class and package names, exceptions, stack frames, container and server names. */
        private static final Pattern LEAK = Pattern.compile(
                "Exception|Throwable|\\tat |Caused by|java\\.|javax\\.|jakarta\\.|org\\.eclipse|org\\.apache|org\\.springframework"
                        + "|dev\\.securelogout|Servlet|(?i:jetty|tomcat|undertow|netty|whitelabel|HTTP ERROR|powered by)");
        private static final String MARKER = "X-Hostile-Marker: m4rk3r-echo";

        /** A fresh session cookie header of the first user, so guarded routes reach the app's own code. */
        private String cookie() {
            TestClient client = signedIn(alice(), FIREFOX);
            return "Cookie: " + SESSION_COOKIE + "=" + client.cookies.get(SESSION_COOKIE);
        }

        private String origin() {
            return "Origin: " + app().base();
        }

        private RawHttp.Response send(String method, String target, @Nullable String body, String... headers) {
            return RawHttp.exchange(app().base(), RawHttp.request(app().base(), method, target, Optional.ofNullable(body), headers));
        }

        /** Why {@code response} leaks, or null. */
        private static @Nullable String leak(RawHttp.Response response) {
            if (response.status() == 0) {
                return "no HTTP answer";
            }
            if (response.status() >= 500) {
                return "answered " + response.status();
            }
            if (response.header("Server").isPresent()) {
                return "Server header " + response.header("Server").get();
            }
            if (response.header("X-Powered-By").isPresent()) {
                return "X-Powered-By header";
            }
            Matcher m = LEAK.matcher(response.text());
            if (m.find()) {
                int from = Math.max(0, m.start() - 60);
                return "holds \"" + m.group() + "\" in …" + response.text().substring(from, Math.min(response.text().length(), m.end() + 60))
                        .replace("\r\n", "⏎") + "…";
            }
            if (response.text().contains("m4rk3r-echo")) {
                return "echoes the request";
            }
            return null;
        }

        private void check(List<String> problems, String what, RawHttp.Response response) {
            @Nullable String leak = leak(response);
            if (leak != null) {
                problems.add(what + " → " + response.status() + ": " + leak);
            }
        }

        @Test
        @DisplayName("malformed query, malformed, oversized and too-many-fields forms, bad charsets: a clear 4xx or the normal answer, nothing internal")
        void malformedRequests() {
            List<String> problems = new ArrayList<>();
            String big = "a=" + "x".repeat(300_000);
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 3000; i++) {
                many.append(i == 0 ? "" : "&").append("k").append(i).append("=v");
            }
            for (String route : ROUTES) {
                String cookie = cookie();
                check(problems, "GET " + route + "?%zz", send("GET", route + "?%zz=%&x=%C3%28", null, cookie, MARKER));
                String form = "Content-Type: application/x-www-form-urlencoded";
                check(problems, "POST " + route + " %zz form", send("POST", route, "keepCurrent=%zz&token=%&email=%C3%28", cookie, origin(), form));
                check(problems, "POST " + route + " 300 KB form", send("POST", route, big, cookie, origin(), form));
                check(problems, "POST " + route + " 3000 fields", send("POST", route, many.toString(), cookie, origin(), form));
                check(problems, "POST " + route + " charset=x-evil", send("POST", route, "token=x&email=a%40b.c", cookie, origin(),
                        form + "; charset=x-evil"));
                check(problems, "POST " + route + " JSON charset=utf-7", send("POST", route, "{\"username\":\"a\"}", cookie,
                        "Content-Type: application/json; charset=utf-7", "Accept: application/json"));
                check(problems, "GET " + route + "/%C3%28", send("GET", route + (route.endsWith("/") ? "" : "/") + "%C3%28%00", null, cookie));
                check(problems, "GET " + route + " 20 KB header", send("GET", route, null, cookie, "X-Big: " + "b".repeat(20_000)));
            }
            check(problems, "GET /..;/..%2f", send("GET", "/..;/..%2f..%2fetc/passwd", null));
            check(problems, "GET *", send("GET", "*", null));
            assertTrue(problems.isEmpty(), problems.size() + " answers leak:\n" + String.join("\n", problems));
        }

        @Test
        @DisplayName("TRACE and made-up methods are 405 on every route, never an echo, never 501, nothing internal")
        void traceAndUnknownMethods() {
            List<String> problems = new ArrayList<>();
            for (String route : ROUTES) {
                String cookie = cookie();
                for (String method : List.of("TRACE", "FOO", "PROPFIND")) {
                    RawHttp.Response response = send(method, route, null, cookie, MARKER);
                    if (response.status() != 405) {
                        problems.add(method + " " + route + " → " + response.status());
                    }
                    check(problems, method + " " + route, response);
                }
            }
            assertTrue(problems.isEmpty(), problems.size() + " wrong answers:\n" + String.join("\n", problems));
        }

        @Test
        @DisplayName("no answer, normal or error, carries a Server header or a version")
        void noServerHeader() {
            List<String> problems = new ArrayList<>();
            String cookie = cookie();
            for (String route : ROUTES) {
                check(problems, "GET " + route, send("GET", route, null, cookie));
                check(problems, "POST " + route, send("POST", route, "", cookie, origin()));
            }
            assertTrue(problems.isEmpty(), problems.size() + " answers leak:\n" + String.join("\n", problems));
        }
    }

    /**
     * Failed logins are throttled per account and per client address. Each attempt comes from a
     * loopback address of its own ({@code 127.x.y.z}) unless the test means one address, so the
     * app must see the socket's address (no proxy in front), and its first delay must be short (a
     * few seconds): the test waits it out.
     */
    @Nested
    @DisplayName("login throttling")
    class Throttling {
        private static final int MAX_ATTEMPTS = 200;
        private final SecureRandom random = new SecureRandom();

        private InetAddress newAddress() {
            byte[] ip = {127, (byte) (1 + random.nextInt(250)), (byte) (1 + random.nextInt(250)), (byte) (2 + random.nextInt(250))};
            try {
                return InetAddress.getByAddress(ip);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        private RawHttp.Response login(InetAddress from, String user, String password) {
            String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
            return RawHttp.exchange(app().base(), from, RawHttp.request(app().base(), "POST", "/login", Optional.of(body),
                    "Origin: " + app().base(), "Content-Type: application/x-www-form-urlencoded", "User-Agent: " + FIREFOX));
        }

        /** Fails logins of {@code user}, each from a new address, until one is answered 429; that answer. */
        private RawHttp.Response failUntilThrottled(String user) {
            for (int i = 1; i <= MAX_ATTEMPTS; i++) {
                RawHttp.Response answer = login(newAddress(), user, "wrong-password-" + i);
                if (answer.status() == 429) {
                    return answer;
                }
                assertEquals(401, answer.status(), "failed login " + i + " of " + user);
            }
            throw new AssertionError(MAX_ATTEMPTS + " failed logins of " + user + " and never a 429");
        }

        private static String withoutDigits(String text) {
            return text.replaceAll("\\d+", "#");
        }

        @Test
        @DisplayName("failures of one account from many addresses end in 429 with Retry-After, the right password included, alike for a made-up account; after the wait it works")
        void perAccount() {
            String madeUp = "nobody-" + Long.toHexString(random.nextLong());
            RawHttp.Response wrongExisting = login(newAddress(), alice().name(), "wrong");
            RawHttp.Response wrongUnknown = login(newAddress(), madeUp, "wrong");
            assertEquals(withoutDigits(wrongExisting.body()), withoutDigits(wrongUnknown.body()), "a 401 tells nothing either");
            RawHttp.Response unknown = failUntilThrottled(madeUp);
            RawHttp.Response existing = failUntilThrottled(alice().name());
            RawHttp.Response blocked = login(newAddress(), alice().name(), alice().password());
            assertEquals(429, blocked.status(), "while throttled even the right password is not checked");
            for (RawHttp.Response answer : List.of(existing, unknown)) {
                long retryAfter = Long.parseLong(answer.header("Retry-After").orElseThrow(() -> new AssertionError("no Retry-After")));
                assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
            }
            assertEquals(withoutDigits(existing.body()), withoutDigits(unknown.body()), "the 429 does not tell whether the account exists");
            long wait = Long.parseLong(blocked.header("Retry-After").orElseThrow());
            assertTrue(wait <= 60, "the first delay is short, not a lockout: " + wait + " s");
            long deadline = System.nanoTime() + Duration.ofSeconds(wait + 5).toNanos();
            int status;
            do {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                status = login(newAddress(), alice().name(), alice().password()).status();
            } while (status == 429 && System.nanoTime() < deadline);
            assertEquals(303, status, "after Retry-After the right password works");
        }

        @Test
        @DisplayName("failures from one address across accounts end in 429 for any account from there, form and token API; other addresses are not affected")
        void perAddress() {
            InetAddress attacker = newAddress();
            RawHttp.Response throttled = null;
            for (int i = 1; i <= MAX_ATTEMPTS && throttled == null; i++) {
                RawHttp.Response answer = login(attacker, "sprayed-" + Long.toHexString(random.nextLong()), "wrong");
                if (answer.status() == 429) {
                    throttled = answer;
                } else {
                    assertEquals(401, answer.status(), "failed login " + i);
                }
            }
            assertNotNull(throttled, MAX_ATTEMPTS + " failed logins from one address and never a 429");
            assertTrue(throttled.header("Retry-After").isPresent());
            assertEquals(429, login(attacker, bob().name(), bob().password()).status(), "any account from that address");
            RawHttp.Response api = RawHttp.exchange(app().base(), attacker, RawHttp.request(app().base(), "POST", "/api/token",
                    Optional.of(credentials(bob())), "Content-Type: application/json", "Accept: application/json"));
            assertEquals(429, api.status(), "the token API shares the throttle");
            assertTrue(api.header("Retry-After").isPresent());
            assertEquals(303, login(newAddress(), bob().name(), bob().password()).status(), "another address is not affected");
        }
    }

    @Nested
    @DisplayName("live notices")
    class Events {
        @Test
        @DisplayName("GET /events sends event: logout within a second when the session is ended elsewhere")
        void logoutEvent() throws Exception {
            TestClient laptop = signedIn(alice(), FIREFOX);
            TestClient phone = signedIn(alice(), CHROME_MAC);
            CompletableFuture<String> event = phone.openEvents();
            Instant sent = Instant.now();
            laptop.post("/logout/everywhere", Map.of("keepCurrent", "true"));
            String received = event.get(5, TimeUnit.SECONDS);
            Duration took = Duration.between(sent, Instant.now());
            assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "within a second, took " + took);
            assertEquals("event: logout", received);
        }

        @Test
        @DisplayName("GET /events is bounded: of 20 streams of one session the oldest are closed by the server; logout ends every one still open")
        void bounded() throws Exception {
            TestClient phone = signedIn(alice(), CHROME_MAC);
            List<CompletableFuture<List<String>>> streams = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                streams.add(phone.openStream().untilClosed());
            }
            List<String> oldest = streams.get(0).get(5, TimeUnit.SECONDS);
            assertFalse(oldest.contains("event: logout"), "closed to bound the streams, not by a logout: " + oldest);
            phone.post("/logout", Map.of());
            int told = 0;
            for (CompletableFuture<List<String>> stream : streams) {
                told += stream.get(5, TimeUnit.SECONDS).contains("event: logout") ? 1 : 0;
            }
            assertTrue(streams.get(streams.size() - 1).get().contains("event: logout"), "the newest stream is told");
            assertTrue(told < streams.size() / 2, "at most a few streams were open at logout, " + told + " were told");
        }

        @Test
        @DisplayName("GET /events without a session is 401")
        void anonymous() {
            assertEquals(401, client(FIREFOX).get("/events", "Accept", "text/event-stream").statusCode());
        }
    }
}
