package dev.securelogout.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.HttpSurfaceContract;
import dev.securelogout.tck.http.TestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WindowType;

/**
 * What logout.js promises beyond {@link BrowserIT}, in headless Chromium: another tab of the same
 * profile leaves at once (BroadcastChannel, with its own event stream blocked), a registered
 * service worker is gone, a page restored from the back/forward cache asks the server again, and
 * the cleanup runs when the server cannot be reached. Each test runs its own node.
 */
class ScriptBrowserIT {

    /**
     * How soon a tab without an event stream must leave after a logout in another tab: the
     * broadcast is immediate, but a headless Chromium on a loaded two-core CI machine has been seen
     * to take almost six seconds to run it, so the bound is generous and below the 10 s wait.
     */
    private static final long LEFT_WITHIN_MILLIS = 9_000;

    @Test
    @DisplayName("logout in one tab: another tab of the same profile, without an event stream, leaves at once through BroadcastChannel")
    void otherTabLeaves() throws Exception {
        try (RunningApp node = new RunningApp(AppConfig.inMemory()); Chromium browser = new Chromium(node.port)) {
            browser.login("alice");
            String first = browser.driver.getWindowHandle();
            browser.waiting().until(d -> node.app.openEventStreams() == 1);
            browser.driver.switchTo().newWindow(WindowType.TAB);
            String second = browser.driver.getWindowHandle();
            browser.blockEventStream();
            browser.open("/");
            browser.waiting().until(d -> browser.isHome());
            assertEquals(1, node.app.openEventStreams(), "the second tab has no event stream");
            browser.driver.switchTo().window(first);
            browser.click("Log out");
            Instant clicked = Instant.now();
            browser.driver.switchTo().window(second);
            browser.waiting().until(d -> browser.isLoginPage());
            long took = Duration.between(clicked, Instant.now()).toMillis();
            assertTrue(took < LEFT_WITHIN_MILLIS, "the other tab left after " + took + " ms");
        }
    }

    @Test
    @DisplayName("a service worker registered by the app is unregistered by logout")
    void serviceWorkerGone() throws Exception {
        try (RunningApp node = new RunningApp(AppConfig.inMemory()); Chromium browser = new Chromium(node.port)) {
            browser.login("bob");
            assertEquals(1L, browser.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    navigator.serviceWorker.register('/assets/logout.js', {scope: '/assets/'})
                      .then(() => navigator.serviceWorker.getRegistrations())
                      .then(registrations => done(registrations.length))
                      .catch(e => done(String(e)));
                    """));
            browser.click("Log out");
            browser.waiting().until(d -> browser.isLoginPage());
            browser.waiting().until(d -> Long.valueOf(0).equals(browser.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    navigator.serviceWorker.getRegistrations().then(r => done(r.length)).catch(e => done(String(e)));
                    """)));
        }
    }

    @Test
    @DisplayName("a page restored from the back/forward cache reloads: after the session ended elsewhere it lands on the login page")
    void restoredPageReloads() throws Exception {
        try (RunningApp node = new RunningApp(AppConfig.inMemory()); Chromium browser = new Chromium(node.port)) {
            browser.blockEventStream();
            browser.login("alice");
            TestClient phone = new TestClient(node.http().base(), HttpSurfaceContract.CHROME_MAC);
            assertEquals(303, phone.login(HttpApp.ALICE, false).statusCode());
            assertEquals(303, phone.post("/logout/everywhere", Map.of("keepCurrent", "true")).statusCode());
            assertTrue(browser.isHome(), "no event stream: the page does not know yet");
            // what the browser fires when it shows a page from the back/forward cache
            browser.driver.executeScript("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));");
            browser.waiting().until(d -> browser.isLoginPage());
        }
    }

    @Test
    @DisplayName("with the server unreachable, Log out still clears storage, caches and databases and leaves")
    void cleanupWithoutServer() throws Exception {
        RunningApp node = new RunningApp(AppConfig.inMemory());
        int port = node.port;
        try (Chromium browser = new Chromium(port)) {
            browser.login("bob");
            assertEquals(Chromium.FILLED_STORAGE, browser.fillStorage());
            node.close();
            browser.click("Log out");
            browser.waiting().until(d -> d.getCurrentUrl().contains("/login"));
            AppConfig memory = AppConfig.inMemory();
            node = new RunningApp(new AppConfig(port, memory.store(), Optional.empty(), memory.jdbcTablePrefix(), Optional.empty(),
                    memory.redisPrefix(), memory.secret()));
            browser.open("/login");
            assertEquals(Chromium.EMPTY_STORAGE, browser.storage());
        } finally {
            node.close();
        }
    }
}
