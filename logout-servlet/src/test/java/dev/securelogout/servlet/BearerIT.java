package dev.securelogout.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.IssuedToken;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.RefreshResult;
import dev.securelogout.core.session.Device;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The bearer guard and the RFC 7009 revocation endpoint over real HTTP. */
class BearerIT {

    private static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";
    @AutoClose
    private final TestApp app = TestApp.start();

    private HttpResponse<String> api(String token) {
        return app.get("/api/orders", "Authorization", "Bearer " + token);
    }

    private HttpResponse<String> revoke(String body, String... headers) {
        return app.send("POST", "/oauth/revoke", body, headers);
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertEquals(401, response.statusCode());
        assertEquals(Optional.of(INVALID_TOKEN), response.headers().firstValue("WWW-Authenticate"));
        assertEquals("", response.body());
    }

    @Test
    void aVerifiedUnrevokedTokenPassesWithItsClaimsAndIsNotStored() {
        HttpResponse<String> response = api(app.tokens.issue("alice"));
        assertEquals(200, response.statusCode());
        assertEquals("sub=alice", response.body());
        assertEquals(Optional.of("no-store"), response.headers().firstValue("Cache-Control"));
    }

    @Test
    void missingMalformedAndUnknownTokensAreRefused() {
        HttpResponse<String> missing = app.get("/api/orders");
        assertEquals(401, missing.statusCode());
        assertEquals(Optional.of("Bearer"), missing.headers().firstValue("WWW-Authenticate"));
        assertRefused(api("unknown"));
        assertRefused(api("bad token with spaces"));
        assertRefused(app.get("/api/orders", "Authorization", "Basic YWxpY2U6cHc="));
        String token = app.tokens.issue("alice");
        assertRefused(app.get("/api/orders", "Authorization", "Bearer " + token, "Authorization", "Bearer " + token));
        assertRefused(api("x".repeat(7000)));
        assertEquals(431, api("x".repeat(9000)).statusCode(), "Jetty refuses a header over 8 KiB itself");
    }

    @Test
    void aLoggedOutAccessTokenIsRefusedOnTheNextRequest() {
        String viaLogout = app.tokens.issue("alice");
        assertEquals(200, api(viaLogout).statusCode());
        assertEquals(303, app.post("/logout", "Authorization", "Bearer " + viaLogout).statusCode());
        assertRefused(api(viaLogout));

        String viaRevocation = app.tokens.issue("alice");
        assertEquals(200, revoke("token=" + viaRevocation + "&token_type_hint=access_token").statusCode());
        assertRefused(api(viaRevocation));
    }

    @Test
    void aTokenIssuedBeforeLogoutEverywhereIsRefusedThoughNeverListed() {
        String before = app.tokens.issue("alice");
        String bobs = app.tokens.issue("bob");
        NewSession session = app.login("alice");
        app.clock.advance(Duration.ofSeconds(1));
        assertEquals(303, app.send("POST", "/account/logout-everywhere", "keepCurrent=true",
                "Cookie", app.cookie(session), "Sec-Fetch-Site", "same-origin").statusCode());
        assertRefused(api(before));
        assertEquals(200, api(bobs).statusCode());
        app.clock.advance(Duration.ofSeconds(1));
        assertEquals(200, api(app.tokens.issue("alice")).statusCode(), "a token issued after it works");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = app.tokens.issue("alice");
        app.clock.advance(Duration.ofMinutes(11));
        assertRefused(api(token));
    }

    @Test
    void whenTheStoreIsDownTheBearerGuardFailsClosedWith503() {
        String token = app.tokens.issue("alice");
        app.outage.down(true);
        HttpResponse<String> response = api(token);
        assertEquals(503, response.statusCode());
        assertEquals(Optional.of("5"), response.headers().firstValue("Retry-After"));
        assertTrue(response.headers().firstValue("WWW-Authenticate").isEmpty());
        app.outage.down(false);
        assertEquals(200, api(token).statusCode());
    }

    @Test
    void revocationAnswers200ForUnknownTokensAnd400WithoutOne() {
        for (String body : new String[] {"token=unknown", "token=" + "A".repeat(20_000), "token=%00%01&token_type_hint=whatever",
                "token=abcdefghijk.0123456789012345678901234567890123456789012&token_type_hint=refresh_token"}) {
            HttpResponse<String> response = revoke(body);
            assertEquals(200, response.statusCode(), body);
            assertEquals(Optional.of("no-store"), response.headers().firstValue("Cache-Control"));
        }
        for (String body : new String[] {"", "token=", "token_type_hint=access_token", "token=a&token=b"}) {
            HttpResponse<String> response = revoke(body);
            assertEquals(400, response.statusCode(), body);
            assertEquals("{\"error\":\"invalid_request\"}", response.body());
        }
        HttpResponse<String> get = app.get("/oauth/revoke?token=x");
        assertEquals(405, get.statusCode());
        assertEquals(Optional.of("POST"), get.headers().firstValue("Allow"));
    }

    @Test
    void revokingARefreshTokenRevokesItsWholeFamily() {
        IssuedToken first = app.engine.issueRefreshToken("alice");
        RefreshResult second = app.engine.refresh(first.token().value(), Device.unknown());
        String current = second.token().orElseThrow().token().value();
        assertEquals(200, revoke("token=" + current + "&token_type_hint=refresh_token", "Origin", app.origin()).statusCode());
        assertNotEquals(RefreshResult.Status.ROTATED, app.engine.refresh(current, Device.unknown()).status());
        assertNotEquals(RefreshResult.Status.ROTATED, app.engine.refresh(first.token().value(), Device.unknown()).status());
    }

    @Test
    void crossSiteRevocationIsRefusedAndAStoreOutageIsNot200() {
        IssuedToken token = app.engine.issueRefreshToken("alice");
        assertEquals(403, revoke("token=" + token.token().value(), "Origin", "https://evil.test").statusCode());
        app.outage.down(true);
        HttpResponse<String> down = revoke("token=" + token.token().value());
        assertEquals(503, down.statusCode());
        assertEquals(Optional.of("5"), down.headers().firstValue("Retry-After"));
        app.outage.down(false);
        assertEquals(RefreshResult.Status.REJECTED, app.engine.refresh(token.token().value(), Device.unknown()).status(),
                "the revocation that failed is kept and refused, though the client was told to retry");
    }
}
