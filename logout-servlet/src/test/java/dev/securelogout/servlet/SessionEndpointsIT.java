package dev.securelogout.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.IssuedToken;
import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.session.Device;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Logout everywhere, the session list, revoking one session, and remember-me restore over real HTTP. */
class SessionEndpointsIT {

    private static final String SAME_ORIGIN = "same-origin";
    @AutoClose
    private final TestApp app = TestApp.start(b -> b, LogoutConfig.builder().rememberMe(true).accountPage("/account").build());

    private boolean works(NewSession session) {
        return app.get("/private/page", "Cookie", app.cookie(session), "Accept", "application/json").statusCode() == 200;
    }

    private HttpResponse<String> logoutEverywhere(NewSession from, String body, String... more) {
        List<String> headers = new ArrayList<>(List.of("Cookie", app.cookie(from), "Sec-Fetch-Site", SAME_ORIGIN));
        headers.addAll(List.of(more));
        return app.send("POST", "/account/logout-everywhere", body, headers.toArray(String[]::new));
    }

    private HttpResponse<String> revoke(NewSession from, String handle, String... more) {
        List<String> headers = new ArrayList<>(List.of("Cookie", app.cookie(from), "Sec-Fetch-Site", SAME_ORIGIN));
        headers.addAll(List.of(more));
        return app.send("POST", "/account/sessions/" + handle + "/revoke", "", headers.toArray(String[]::new));
    }

    @Test
    void logoutEverywhereEndsEverySessionOfTheUserTheCurrentOneIncluded() {
        NewSession laptop = app.login("alice");
        NewSession phone = app.login("alice");
        NewSession bob = app.login("bob");
        HttpResponse<String> response = logoutEverywhere(laptop, "");
        assertEquals(303, response.statusCode());
        assertEquals(Optional.of("/login"), response.headers().firstValue("Location"));
        assertEquals(3, response.headers().allValues("Set-Cookie").size(), "the session, remember-me and container cookies");
        assertEquals(Optional.of("\"cookies\", \"storage\""), response.headers().firstValue("Clear-Site-Data"));
        assertFalse(works(laptop));
        assertFalse(works(phone));
        assertTrue(works(bob));
    }

    @Test
    void logoutEverywhereKeepingTheCurrentSessionEndsOnlyTheOthers() {
        NewSession laptop = app.login("alice");
        NewSession phone = app.login("alice");
        HttpResponse<String> browser = logoutEverywhere(laptop, "keepCurrent=true");
        assertEquals(303, browser.statusCode());
        assertEquals(Optional.of("/account"), browser.headers().firstValue("Location"));
        assertTrue(browser.headers().allValues("Set-Cookie").isEmpty());
        assertTrue(browser.headers().firstValue("Clear-Site-Data").isEmpty());
        assertTrue(works(laptop));
        assertFalse(works(phone));

        NewSession tablet = app.login("alice");
        assertEquals(204, logoutEverywhere(laptop, "keepCurrent=TRUE", "Accept", "application/json").statusCode());
        assertTrue(works(laptop));
        assertFalse(works(tablet));
    }

    @Test
    void logoutEverywhereIsPostOnlySameOriginOnlyAndValidatesItsParameter() {
        NewSession laptop = app.login("alice");
        NewSession phone = app.login("alice");
        HttpResponse<String> get = app.get("/account/logout-everywhere", "Cookie", app.cookie(laptop));
        assertEquals(405, get.statusCode());
        assertEquals(Optional.of("POST"), get.headers().firstValue("Allow"));
        assertEquals(403, app.post("/account/logout-everywhere", "Cookie", app.cookie(laptop), "Origin", "https://evil.test").statusCode());
        assertEquals(400, logoutEverywhere(laptop, "keepCurrent=maybe").statusCode());
        assertEquals(400, logoutEverywhere(laptop, "keepCurrent=true&keepCurrent=false").statusCode());
        assertTrue(works(laptop));
        assertTrue(works(phone));
        assertEquals(401, app.post("/account/logout-everywhere", "Accept", "application/json").statusCode());
    }

    @Test
    void theSessionListShowsTheUsersOwnSessionsByHandleOnly() {
        NewSession laptop = app.login("alice");
        NewSession phone = app.engine.startSession("alice", Device.of(
                "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36", "10.0.0.7"));
        NewSession bob = app.login("bob");
        HttpResponse<String> response = app.get("/account/sessions", "Cookie", app.cookie(laptop));
        assertEquals(200, response.statusCode());
        assertEquals(Optional.of("no-store"), response.headers().firstValue("Cache-Control"));
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        String body = response.body();
        assertTrue(body.startsWith("[{") && body.endsWith("}]"), body);
        assertTrue(body.contains("{\"id\":\"" + laptop.session().handle() + "\",\"current\":true,\"createdAt\":\"2030-01-01T10:00:00Z\","
                + "\"lastActiveAt\":\"2030-01-01T10:00:00Z\",\"browser\":\"Firefox\",\"os\":\"Linux\",\"ip\":\"127.0.0.1\","
                + "\"apiClient\":false,\"lastSeenIp\":\"127.0.0.1\"}"), body);
        assertTrue(body.contains("{\"id\":\"" + phone.session().handle() + "\",\"current\":false,"), body);
        assertTrue(body.contains("\"ip\":\"10.0.0.7\""), body);
        assertFalse(body.contains(bob.session().handle()));
        assertFalse(body.contains(laptop.id().value()));
        assertEquals(405, app.post("/account/sessions", "Cookie", app.cookie(laptop)).statusCode());
    }

    @Test
    void aUserRevokesTheirOwnOtherSessionButNeverAnotherUsers() {
        NewSession laptop = app.login("alice");
        NewSession phone = app.login("alice");
        NewSession bob = app.login("bob");
        assertEquals(404, revoke(laptop, bob.session().handle()).statusCode());
        assertEquals(404, revoke(laptop, "not-a-handle").statusCode());
        assertEquals(404, revoke(laptop, "A".repeat(22)).statusCode());
        assertTrue(works(bob));

        assertEquals(403, revoke(laptop, phone.session().handle(), "Sec-Fetch-Site", "cross-site").statusCode());
        assertEquals(405, app.get("/account/sessions/" + phone.session().handle() + "/revoke", "Cookie", app.cookie(laptop)).statusCode());
        assertTrue(works(phone));

        HttpResponse<String> revoked = revoke(laptop, phone.session().handle(), "Accept", "application/json");
        assertEquals(204, revoked.statusCode());
        assertTrue(revoked.headers().allValues("Set-Cookie").isEmpty());
        assertFalse(works(phone));
        assertTrue(works(laptop));
    }

    @Test
    void revokingTheCurrentSessionIsALogout() {
        NewSession laptop = app.login("alice");
        HttpResponse<String> reference = app.post("/logout", "Cookie", app.cookie(app.login("carol")));
        HttpResponse<String> response = revoke(laptop, laptop.session().handle());
        assertEquals(303, response.statusCode());
        assertEquals(TestApp.headersWithoutDate(reference), TestApp.headersWithoutDate(response));
        assertFalse(works(laptop));
    }

    @Test
    void whenTheStoreIsDownEveryEndpointAnswers503AndNothingReadsAsDone() {
        NewSession laptop = app.login("alice");
        NewSession phone = app.login("alice");
        app.get("/private/page", "Cookie", app.cookie(laptop));
        app.outage.down(true);
        for (HttpResponse<String> response : List.of(
                app.get("/account/sessions", "Cookie", app.cookie(laptop)),
                revoke(laptop, phone.session().handle()),
                logoutEverywhere(laptop, "keepCurrent=true"))) {
            assertEquals(503, response.statusCode(), response.uri().toString());
            assertEquals(Optional.of("5"), response.headers().firstValue("Retry-After"));
        }
        app.outage.down(false);
        assertTrue(works(laptop));
        assertTrue(works(phone));
    }

    @Test
    void aValidRememberMeCookieRestoresASessionAndLogoutEndsTheSeries() {
        IssuedToken remember = app.engine.issueRememberMe(app.engine.startSession("alice", Device.unknown()).session());
        String cookie = "__Host-remember=" + remember.token().value();
        HttpResponse<String> restored = app.get("/private/page", "Cookie", cookie);
        assertEquals(200, restored.statusCode());
        assertEquals("user=alice", restored.body());
        List<String> set = restored.headers().allValues("Set-Cookie");
        assertEquals(2, set.size());
        assertTrue(set.get(0).startsWith("__Host-sid=") && set.get(0).contains("; Secure; HttpOnly; SameSite=Lax"), set.get(0));
        assertTrue(set.get(1).startsWith("__Host-remember=") && set.get(1).contains("; Max-Age=2592000;"), set.get(1));
        String rotated = set.get(1).split(";", 2)[0];

        app.clock.advance(LogoutEngine.DEFAULT_REFRESH_GRACE_WINDOW); // a replay after the grace window is reuse
        HttpResponse<String> replay = app.get("/private/page", "Cookie", cookie);
        assertEquals(303, replay.statusCode(), "the spent token is refused");
        assertTrue(replay.headers().allValues("Set-Cookie").get(0).startsWith("__Host-remember=; "), "and cleared");
        assertEquals(303, app.get("/private/page", "Cookie", rotated).statusCode(), "its reuse revoked the series");
    }

    @Test
    void logoutEndsThisDevicesRememberMeSeries() {
        IssuedToken remember = app.engine.issueRememberMe(app.engine.startSession("alice", Device.unknown()).session());
        HttpResponse<String> restored = app.get("/private/page", "Cookie", "__Host-remember=" + remember.token().value());
        List<String> set = restored.headers().allValues("Set-Cookie");
        String cookies = set.get(0).split(";", 2)[0] + "; " + set.get(1).split(";", 2)[0];
        assertEquals(200, app.get("/private/page", "Cookie", cookies).statusCode());
        assertEquals(303, app.post("/logout", "Cookie", cookies).statusCode());
        assertEquals(303, app.get("/private/page", "Cookie", cookies).statusCode());
    }
}
