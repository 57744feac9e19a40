package dev.securelogout.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.securelogout.core.LogoutEngine;
import jakarta.servlet.Filter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each filter mapped to {@code /*} acts on its own path and method only and passes everything else on. */
class MappedToEverythingIT {

    private static LogoutEngine engine;
    private static TestTokens tokens;

    @BeforeAll
    static void engine() {
        engine = LogoutEngine.builder().inMemory().build();
        tokens = new TestTokens(Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** A site with only {@code filter} mapped to {@code /*} in front of {@link Site#ECHO}. */
    private static Site everything(Function<LogoutConfig, Filter> filter, LogoutConfig config) {
        return Site.start(site -> {
            site.filter(filter.apply(config), "/*");
            site.servlet(Site.ECHO, "/*");
        });
    }

    private static void reachesTheApplication(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), () -> "passed on, not answered: " + response.headers().map());
        assertEquals(Site.REACHED, response.body());
    }

    @Test
    void theCrossSiteFilterExemptsExactlyItsExemptPath() throws Exception {
        try (Site site = everything(c -> new CrossSiteFilter(c, "/oidc/backchannel-logout"), LogoutConfig.defaults())) {
            HttpClient http = HttpClient.newHttpClient();
            Function<String, Integer> crossSitePost = path -> {
                try {
                    return http.send(HttpRequest.newBuilder(site.base.resolve(path))
                            .header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
                } catch (java.io.IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            };
            assertEquals(200, crossSitePost.apply("/oidc/backchannel-logout"));
            assertEquals(403, crossSitePost.apply("/logout"));
            assertEquals(403, crossSitePost.apply("/oidc/backchannel-logout/more"));
            assertEquals(403, crossSitePost.apply("/oidc"));
        }
    }

    @Test
    void theLogoutFilterAnswersOnlyItsPath() {
        try (Site site = everything(c -> new LogoutFilter(engine, c), LogoutConfig.defaults())) {
            Browser browser = site.browser();
            reachesTheApplication(browser.get("/"));
            reachesTheApplication(browser.get("/account"));
            reachesTheApplication(browser.post("/logout/other"));
            assertEquals(405, browser.get("/logout").statusCode());
            HttpResponse<String> logout = browser.post("/logout");
            assertEquals(303, logout.statusCode());
            assertEquals(Optional.of(engine.clientInstructions().redirectTo()), logout.headers().firstValue("Location"));
        }
    }

    @Test
    void theLogoutFilterFollowsItsConfiguredPath() {
        try (Site site = everything(c -> new LogoutFilter(engine, c), LogoutConfig.builder().logoutPath("/signout").build())) {
            Browser browser = site.browser();
            reachesTheApplication(browser.post("/logout"));
            assertEquals(405, browser.get("/signout").statusCode());
            assertEquals(303, browser.post("/signout").statusCode());
        }
    }

    @Test
    void theRevocationFilterAnswersOnlyItsPath() {
        try (Site site = everything(c -> new TokenRevocationFilter(engine, tokens, c), LogoutConfig.defaults())) {
            Browser browser = site.browser();
            reachesTheApplication(browser.get("/"));
            reachesTheApplication(browser.post("/oauth/token"));
            assertEquals(405, browser.get("/oauth/revoke").statusCode());
            assertEquals(400, browser.post("/oauth/revoke").statusCode(), "no token parameter");
        }
    }

    @Test
    void theSessionEndpointsAnswerOnlyTheirPaths() {
        try (Site site = everything(c -> new SessionEndpointsFilter(engine, c), LogoutConfig.defaults())) {
            Browser browser = site.browser();
            reachesTheApplication(browser.get("/"));
            reachesTheApplication(browser.get("/account/settings"));
            assertEquals(303, browser.get("/account/sessions").statusCode(), "no session: to the login page");
            assertEquals(405, browser.get("/account/logout-everywhere").statusCode());
        }
    }

    @Test
    void theSessionGuardLeavesTheLoginLogoutAndRevocationPathsAlone() {
        try (Site site = everything(c -> new SessionGuardFilter(engine, c), LogoutConfig.defaults())) {
            Browser browser = site.browser();
            reachesTheApplication(browser.get("/login"));
            reachesTheApplication(browser.post("/login"));
            reachesTheApplication(browser.post("/logout"));
            reachesTheApplication(browser.post("/oauth/revoke"));
            HttpResponse<String> page = browser.get("/page");
            assertEquals(303, page.statusCode());
            assertEquals(Optional.of("/login"), page.headers().firstValue("Location"));
        }
    }

    @Test
    void theBearerGuardLeavesTheLoginLogoutAndRevocationPathsAlone() {
        try (Site site = everything(c -> new BearerGuardFilter(engine, tokens, c), LogoutConfig.defaults())) {
            Browser browser = site.browser();
            reachesTheApplication(browser.get("/login"));
            reachesTheApplication(browser.post("/logout"));
            reachesTheApplication(browser.post("/oauth/revoke"));
            assertEquals(401, browser.get("/api/me").statusCode());
        }
    }
}
