package dev.securelogout.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.LogoutRequest;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.cookie.ClearSiteData;
import dev.securelogout.core.cookie.CookieSpec;
import dev.securelogout.core.cookie.SameSite;
import dev.securelogout.core.credential.PartitionKey;
import dev.securelogout.core.session.Device;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The logout endpoint and the session guard over real HTTP. */
class LogoutEndpointIT {

    @AutoClose
    private final TestApp app = TestApp.start();

    private int privatePage(String cookie) {
        return app.get("/private/page", "Cookie", cookie).statusCode();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "PROPFIND"})
    void logoutByAnotherMethodThanPostIsRefusedAndChangesNothing(String method) {
        NewSession session = app.login("alice");
        HttpResponse<String> response = app.send(method, "/logout", null, "Cookie", app.cookie(session));
        assertEquals(405, response.statusCode());
        assertEquals(Optional.of("POST"), response.headers().firstValue("Allow"));
        assertTrue(response.headers().allValues("Set-Cookie").isEmpty());
        assertEquals(200, privatePage(app.cookie(session)));
    }

    @Test
    void traceAndUnknownMethodsOnTheWireAreRefusedCleanly() throws Exception {
        for (String method : List.of("TRACE", "FOO", "M-SEARCH")) {
            int status = app.raw(method + " /logout HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertTrue(status == 405 || status == 400, method + " answered " + status);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sec-Fetch-Site:cross-site", "Sec-Fetch-Site:garbage", "Origin:https://evil.test",
            "Origin:null", "Origin:http://127.0.0.1:1", "Origin:not a url"})
    void crossSiteLogoutIsRefusedAndChangesNothing(String header) {
        NewSession session = app.login("alice");
        String[] nameValue = header.split(":", 2);
        HttpResponse<String> response = app.post("/logout", "Cookie", app.cookie(session), nameValue[0], nameValue[1]);
        assertEquals(403, response.statusCode());
        assertTrue(response.headers().allValues("Set-Cookie").isEmpty());
        assertEquals(200, privatePage(app.cookie(session)));
    }

    @Test
    void crossSiteFetchMetadataWinsOverASameOriginLookingOrigin() {
        NewSession session = app.login("alice");
        assertEquals(403, app.post("/logout", "Cookie", app.cookie(session), "Sec-Fetch-Site", "cross-site",
                "Origin", app.origin()).statusCode());
        assertEquals(403, app.post("/logout", "Cookie", app.cookie(session), "Sec-Fetch-Site", "same-site",
                "Origin", "https://sibling.127.0.0.1").statusCode());
        assertEquals(200, privatePage(app.cookie(session)));
    }

    @Test
    void configuredOriginsPassAndSameSitePassesOnlyFromThem() {
        LogoutConfig config = LogoutConfig.builder().allowedOrigins(List.of("https://www.example.test")).build();
        try (TestApp proxied = TestApp.start(b -> b, config)) {
            String[][] admitted = {{"Sec-Fetch-Site", "same-site", "Origin", "https://www.example.test"},
                    {"Origin", "https://WWW.example.test:443", "X-Ignored", "x"}, {"Sec-Fetch-Site", "none", "X-Ignored", "x"},
                    {"Origin", proxied.origin(), "X-Ignored", "x"}};
            for (String[] headers : admitted) {
                NewSession session = proxied.login("alice");
                assertEquals(303, proxied.post("/logout", "Cookie", proxied.cookie(session), headers[0], headers[1],
                        headers[2], headers[3]).statusCode(), String.join(" ", headers));
                assertEquals(303, proxied.get("/private/page", "Cookie", proxied.cookie(session)).statusCode());
            }
            NewSession session = proxied.login("alice");
            assertEquals(403, proxied.post("/logout", "Cookie", proxied.cookie(session), "Sec-Fetch-Site", "same-site",
                    "Origin", "https://other.example.test").statusCode());
            assertEquals(403, proxied.post("/logout", "Cookie", proxied.cookie(session), "Sec-Fetch-Site", "same-site").statusCode());
            assertEquals(200, proxied.get("/private/page", "Cookie", proxied.cookie(session)).statusCode());
        }
    }

    @Test
    void sameOriginLogoutEndsTheSessionAndACopiedCookieNoLongerWorks() {
        NewSession session = app.login("alice");
        String copied = app.cookie(session);
        assertEquals(200, privatePage(copied));
        HttpResponse<String> response = app.post("/logout", "Cookie", copied, "Origin", app.origin());
        assertEquals(303, response.statusCode());
        assertEquals(Optional.of("/login"), response.headers().firstValue("Location"));
        assertEquals(Optional.of("no-store"), response.headers().firstValue("Cache-Control"));
        assertEquals(Optional.of("\"cookies\", \"storage\""), response.headers().firstValue("Clear-Site-Data"));

        HttpResponse<String> browser = app.get("/private/page", "Cookie", copied);
        assertEquals(303, browser.statusCode());
        assertEquals(Optional.of("/login"), browser.headers().firstValue("Location"));
        assertEquals(401, app.get("/private/page", "Cookie", copied, "Accept", "application/json").statusCode());
    }

    @Test
    void logoutWithoutAValidSessionAnswersExactlyLikeARealOne() {
        NewSession real = app.login("alice");
        NewSession expired = app.login("bob");
        NewSession ended = app.login("carol");
        app.engine.logout(LogoutRequest.from(Device.unknown()).withSessionId(ended.id().value()));
        String forged = "__Host-sid=" + PartitionKey.of(new byte[32]).generate("alice", new SecureRandom()).value();
        HttpResponse<String> reference = app.post("/logout", "Cookie", app.cookie(real), "Sec-Fetch-Site", "same-origin");
        app.clock.advance(Duration.ofHours(1));
        List<String> cookies = List.of("", app.cookie(expired), app.cookie(ended), forged, "__Host-sid=garbage",
                "__Host-sid=" + "A".repeat(5000), "__Host-sid=\"quoted\"; x=\"y");
        for (String cookie : cookies) {
            HttpResponse<String> response = cookie.isEmpty()
                    ? app.post("/logout", "Sec-Fetch-Site", "same-origin")
                    : app.post("/logout", "Cookie", cookie, "Sec-Fetch-Site", "same-origin");
            assertEquals(reference.statusCode(), response.statusCode(), cookie);
            assertEquals(TestApp.headersWithoutDate(reference), TestApp.headersWithoutDate(response), cookie);
            assertEquals(reference.body(), response.body());
        }
        HttpResponse<String> jsonReal = app.post("/logout", "Cookie", app.cookie(app.login("dave")), "Accept", "application/json");
        HttpResponse<String> jsonNone = app.post("/logout", "Accept", "application/json");
        assertEquals(204, jsonReal.statusCode());
        assertEquals(TestApp.headersWithoutDate(jsonReal), TestApp.headersWithoutDate(jsonNone));
    }

    @Test
    void clearingCookiesCarryTheOriginalPathAndDomain() throws Exception {
        CookieSpec sid = CookieSpec.named("sid").path("/app").domain("example.test").sameSite(SameSite.STRICT).build();
        CookieSpec remember = CookieSpec.named("remember").path("/app").domain("example.test").build();
        try (TestApp scoped = TestApp.start(b -> b.sessionCookie(sid).rememberMeCookie(remember), LogoutConfig.defaults(), "/app")) {
            NewSession session = scoped.login("alice");
            HttpResponse<String> response = scoped.post("/logout", "Cookie", scoped.cookie(session));
            assertEquals(303, response.statusCode());
            assertEquals(Optional.of("/app/login"), response.headers().firstValue("Location"));
            assertEquals(List.of(
                    "sid=; Path=/app; Domain=example.test; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Strict",
                    "remember=; Path=/app; Domain=example.test; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Lax",
                    "JSESSIONID=; Path=/app; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly"),
                    response.headers().allValues("Set-Cookie"));
            assertEquals(303, scoped.get("/private/page", "Cookie", scoped.cookie(session)).statusCode());
        }
    }

    @Test
    void logoutInvalidatesTheContainersHttpSessionToo() {
        NewSession session = app.login("alice");
        HttpResponse<String> first = app.get("/private/page?http-session", "Cookie", app.cookie(session));
        String jsession = first.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        assertEquals("user=alice http-session=kept",
                app.get("/private/page?http-session", "Cookie", app.cookie(session) + "; " + jsession).body());
        app.post("/logout", "Cookie", app.cookie(session) + "; " + jsession);
        NewSession again = app.login("alice");
        assertEquals("user=alice http-session=none",
                app.get("/private/page?http-session", "Cookie", app.cookie(again) + "; " + jsession).body());
    }

    @Test
    void aFailingStoreStillClearsTheCookiesAndTheGuardFailsClosedWith503() {
        NewSession session = app.login("alice");
        NewSession other = app.login("alice");
        HttpResponse<String> normal = app.post("/logout", "Cookie", app.cookie(app.login("bob")));
        app.outage.down(true);

        HttpResponse<String> logout = app.post("/logout", "Cookie", app.cookie(session));
        assertEquals(normal.statusCode(), logout.statusCode());
        assertEquals(TestApp.headersWithoutDate(normal), TestApp.headersWithoutDate(logout));
        assertEquals(3, logout.headers().allValues("Set-Cookie").size(), "the session, remember-me and container cookies");

        for (String accept : List.of("text/html", "application/json")) {
            HttpResponse<String> guarded = app.get("/private/page", "Cookie", app.cookie(other), "Accept", accept);
            assertEquals(503, guarded.statusCode());
            assertEquals(Optional.of("5"), guarded.headers().firstValue("Retry-After"));
            assertTrue(guarded.headers().allValues("Set-Cookie").isEmpty());
            assertFalse(guarded.body().contains("Exception"));
        }
        app.outage.down(false);
        assertEquals(200, privatePage(app.cookie(other)), "the guard left the session as it was");
        assertEquals(303, privatePage(app.cookie(session)), "the logout that failed in the outage is kept and refused");
    }

    @Test
    void aJsonClientWhoseLogoutAStoreDidNotTakeGets503WithItsCookiesClearedAndTheSessionIsRefusedHere() {
        NewSession session = app.login("alice");
        HttpResponse<String> normal = app.post("/logout", "Cookie", app.cookie(app.login("bob")), "Accept", "application/json");
        assertEquals(204, normal.statusCode());
        app.outage.down(true);
        HttpResponse<String> failed = app.post("/logout", "Cookie", app.cookie(session), "Accept", "application/json");
        app.outage.down(false);
        assertEquals(503, failed.statusCode(), "the server side failed: never read as done");
        assertEquals(Optional.of("5"), failed.headers().firstValue("Retry-After"));
        assertEquals(normal.headers().allValues("Set-Cookie"), failed.headers().allValues("Set-Cookie"));
        assertEquals(normal.headers().firstValue("Clear-Site-Data"), failed.headers().firstValue("Clear-Site-Data"));
        assertEquals(303, privatePage(app.cookie(session)), "refused on this node while the revocation is retried");
    }

    @Test
    void evenAnEngineThatThrowsYieldsTheClearingAnswerAndNever500() {
        try (TestApp broken = TestApp.start(b -> b.cookieClearer(() -> {
            throw new IllegalStateException("broken clearer");
        }), LogoutConfig.defaults())) {
            HttpResponse<String> response = broken.post("/logout", "Cookie", broken.cookie(broken.login("alice")));
            assertEquals(303, response.statusCode());
            assertEquals(Optional.of("/login"), response.headers().firstValue("Location"));
            assertEquals(List.of(CookieSpec.named("__Host-sid").build().clearing(), CookieSpec.named("__Host-remember").build().clearing(),
                    "JSESSIONID=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly"), response.headers().allValues("Set-Cookie"));
            assertEquals(Optional.of("\"cookies\", \"storage\""), response.headers().firstValue("Clear-Site-Data"));
            assertEquals("", response.body());
        }
    }

    @Test
    void theLastResortAnswerIsTheLogoutAnswerToTheByteAlsoClearAndACustomClearSiteDataIncluded() {
        CookieSpec csrf = CookieSpec.named("XSRF-TOKEN").httpOnly(false).build();
        try (TestApp custom = TestApp.start(b -> b.alsoClear(csrf)
                .clearSiteData(EnumSet.of(ClearSiteData.COOKIES, ClearSiteData.EXECUTION_CONTEXTS)), LogoutConfig.defaults())) {
            HttpResponse<String> normal = custom.post("/logout", "Cookie", custom.cookie(custom.login("alice")));
            HttpResponse<String> fallback = custom.post("/logout-broken", "Cookie", custom.cookie(custom.login("alice")));
            assertEquals(303, fallback.statusCode());
            assertEquals(normal.statusCode(), fallback.statusCode());
            assertEquals(TestApp.headersWithoutDate(normal), TestApp.headersWithoutDate(fallback));
            assertTrue(fallback.headers().allValues("Set-Cookie").contains(csrf.clearing()));
            assertEquals(Optional.of("\"cookies\", \"executionContexts\""), fallback.headers().firstValue("Clear-Site-Data"));
        }
    }

    @Test
    void authenticatedResponsesAreNotStored() {
        HttpResponse<String> response = app.get("/private/page", "Cookie", app.cookie(app.login("alice")));
        assertEquals(200, response.statusCode());
        assertEquals("user=alice", response.body());
        assertEquals(Optional.of("no-store"), response.headers().firstValue("Cache-Control"));
    }

    @Test
    void badInputGetsTheNormalAnswerOrACleanClientError() throws Exception {
        NewSession session = app.login("alice");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            many.append("c").append(i).append("=v; ");
        }
        assertEquals(303, app.post("/logout", "Cookie", many + app.cookie(session)).statusCode());
        assertEquals(303, privatePage(app.cookie(session)));
        assertEquals(303, app.post("/logout", "Cookie", "=;;;==; __Host-sid; ;=x").statusCode());
        assertEquals(303, app.post("/logout", "Cookie", "__Host-sid=x", "Accept", ";;,*/*;q=,application/").statusCode());
        assertEquals(403, app.post("/logout", "Origin", "http://[::1").statusCode());
        assertEquals(403, app.post("/logout", "Origin", app.origin(), "Origin", app.origin()).statusCode());

        int huge = app.raw("POST /logout HTTP/1.1\r\nHost: localhost\r\nCookie: __Host-sid=" + "x".repeat(64 * 1024)
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertTrue(huge >= 400 && huge < 500, "huge header answered " + huge);
        int control = app.raw("POST /logout HTTP/1.1\r\nHost: localhost\r\nCookie: __Host-sid=\u0001\u0002\u007f\u00ff"
                + "\r\nUser-Agent: \u0001evil\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertTrue(control == 303 || (control >= 400 && control < 500), "control characters answered " + control);
        int guard = app.raw("GET /private/page HTTP/1.1\r\nHost: localhost\r\nCookie: __Host-sid=\u0001" + "\"".repeat(100)
                + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
        assertTrue(guard == 401 || (guard >= 400 && guard < 500), "guard answered " + guard);
    }

    @Test
    void noRawSessionIdReachesTheLog() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        NewSession session = app.login("alice");
        NewSession whileDown = app.login("alice");
        String raw = session.id().value();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            app.post("/logout", "Cookie", app.cookie(session), "User-Agent", TestApp.FIREFOX);
            app.outage.down(true);
            app.post("/logout", "Cookie", app.cookie(whileDown));
            app.get("/private/page", "Cookie", app.cookie(whileDown));
        } finally {
            app.outage.down(false);
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("logout reason=USER_LOGOUT"), "the audit line was captured: " + log);
        assertTrue(log.contains("outcome=FAILED"), "the failed logout was captured too");
        for (String secret : List.of(raw, raw.substring(raw.indexOf('.') + 1), whileDown.id().value(),
                whileDown.id().value().substring(raw.indexOf('.') + 1))) {
            assertFalse(log.contains(secret), "raw session id in the log");
        }
    }
}
