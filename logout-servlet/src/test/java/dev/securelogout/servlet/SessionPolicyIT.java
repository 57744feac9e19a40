package dev.securelogout.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.NewSession;
import dev.securelogout.core.session.Session;
import dev.securelogout.tck.http.RawHttp;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The filters of issue 15 over Jetty: re-authentication from a password field, the admin endpoints, the forwarded address. */
class SessionPolicyIT {

    private final TestApp app = TestApp.start(b -> b.reauthenticationWindow(Duration.ofMinutes(5)), LogoutConfig.defaults());

    @AfterEach
    void stop() {
        app.close();
    }

    private boolean active(NewSession session) {
        return app.engine.check(session.id().value()).isActive();
    }

    @Test
    @DisplayName("past the window a kept-session logout everywhere is 403 and changes nothing; the right password field lets it through")
    void passwordField() {
        NewSession laptop = app.login("alice");
        NewSession phone = app.login("alice");
        app.clock.advance(Duration.ofMinutes(6));
        String json = "application/json";
        HttpResponse<String> refused = app.send("POST", "/account/logout-everywhere", "keepCurrent=true",
                "Cookie", app.cookie(laptop), "Accept", json);
        assertEquals(403, refused.statusCode());
        assertEquals("{\"error\":\"reauthentication_required\"}", refused.body());
        assertEquals(403, app.send("POST", "/account/logout-everywhere", "keepCurrent=true&password=wrong",
                "Cookie", app.cookie(laptop), "Accept", json).statusCode());
        assertTrue(active(phone), "nothing changed");
        assertEquals(403, app.send("POST", "/account/logout-everywhere", "keepCurrent=true&password=" + TestApp.PASSWORD,
                "Cookie", app.cookie(laptop), "Accept", json, "Origin", "https://evil.example").statusCode(),
                "a cross-site request is neither renewed nor run");
        assertTrue(active(phone));
        assertFalse(app.engine.isRecentlyAuthenticated(app.engine.check(laptop.id().value()).session().orElseThrow()),
                "the cross-site password renewed nothing");
        assertEquals(204, app.send("POST", "/account/logout-everywhere", "keepCurrent=true&password=" + TestApp.PASSWORD,
                "Cookie", app.cookie(laptop), "Accept", json).statusCode());
        assertFalse(active(phone));
        assertTrue(active(laptop));
        assertTrue(app.engine.isRecentlyAuthenticated(app.engine.check(laptop.id().value()).session().orElseThrow()),
                "the window restarted");
    }

    @Test
    @DisplayName("the operator lists and ends another user's devices; anyone else is 403 and changes nothing")
    void admin() {
        NewSession root = app.login(TestApp.OPERATOR);
        NewSession alice = app.login("alice");
        NewSession bob = app.login("bob");
        HttpResponse<String> list = app.get("/admin/users/alice/sessions", "Cookie", app.cookie(root));
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("\"id\":\"" + alice.session().handle() + "\",\"current\":false"), list.body());
        assertFalse(list.body().contains(bob.session().handle()));
        String revoke = "/admin/users/alice/sessions/" + alice.session().handle() + "/revoke";
        assertEquals(403, app.post(revoke, "Cookie", app.cookie(bob)).statusCode());
        assertEquals(403, app.get("/admin/users/alice/sessions", "Cookie", app.cookie(bob)).statusCode());
        assertTrue(active(alice));
        assertEquals(405, app.get(revoke, "Cookie", app.cookie(root)).statusCode());
        assertEquals(404, app.post("/admin/users/alice/sessions/" + bob.session().handle() + "/revoke",
                "Cookie", app.cookie(root), "Accept", "application/json").statusCode(), "bob's device is not alice's");
        assertEquals(204, app.post(revoke, "Cookie", app.cookie(root), "Accept", "application/json").statusCode());
        assertFalse(active(alice));
        assertTrue(active(bob));
        HttpResponse<String> all = app.post("/admin/users/bob/logout-everywhere", "Cookie", app.cookie(root));
        assertEquals(303, all.statusCode());
        assertEquals("/admin/users/bob/sessions", all.headers().firstValue("Location").orElseThrow());
        assertFalse(active(bob));
        assertTrue(active(root), "the operator keeps their session");
    }

    @Test
    @DisplayName("X-Forwarded-For from the trusted proxy becomes the last-seen address; from anyone else it is ignored")
    void forwardedAddress() throws Exception {
        NewSession alice = app.login("alice");
        URI base = URI.create(app.origin());
        String cookie = "Cookie: " + app.cookie(alice);
        app.clock.advance(Duration.ofSeconds(1));
        RawHttp.Response direct = RawHttp.exchange(base, RawHttp.request(base, "GET", "/private/x", Optional.empty(), cookie,
                "X-Forwarded-For: 203.0.113.66"));
        assertEquals(200, direct.status(), direct.head());
        assertEquals("127.0.0.1", lastSeen(alice), "a client that is no proxy cannot choose its address");
        RawHttp.Response proxied = RawHttp.exchange(base, InetAddress.getByName(TestApp.PROXY), RawHttp.request(base, "GET",
                "/private/x", Optional.empty(), cookie, "X-Forwarded-For: 6.6.6.6, 198.51.100.7"));
        assertEquals(200, proxied.status(), proxied.head());
        assertEquals("198.51.100.7", lastSeen(alice));
    }

    private String lastSeen(NewSession session) {
        Session current = app.engine.check(session.id().value()).session().orElseThrow();
        return app.engine.sessionsOf(current).stream().filter(s -> s.handle().equals(current.handle())).findFirst()
                .orElseThrow().lastSeenIp();
    }
}
