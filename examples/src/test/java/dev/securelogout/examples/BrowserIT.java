package dev.securelogout.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The demo in headless Chromium: two browser profiles signed in as one user (and what the Spring example shares, {@link TwoProfilesContract}). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT extends TwoProfilesContract {

    private final ExampleApp app = new ExampleApp();
    private int port;

    @BeforeAll
    void start() throws Exception {
        port = app.start(AppConfig.inMemory());
    }

    @AfterAll
    void stop() {
        app.stop();
    }

    @Override
    protected String base() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    protected int openEventStreams() {
        return app.openEventStreams();
    }

    @Test
    @DisplayName("a sign-in on another profile shows a notice on the page already open, naming the new device")
    void signInNotice() {
        laptop.login("bob");
        laptop.waiting().until(d -> openEventStreams() >= 1);
        phone.login("bob");
        laptop.waiting().until(d -> Boolean.TRUE.equals(laptop.driver.executeScript(
                "var n = document.querySelector('[data-signin-notice]'); return !!n && !n.hidden;")));
        String notice = (String) laptop.driver.executeScript("return document.querySelector('[data-signin-notice]').textContent");
        assertTrue(notice.startsWith("New sign-in to your account: ") && notice.contains("127.0.0.1"), notice);
        assertEquals(Boolean.TRUE, phone.driver.executeScript("return document.querySelector('[data-signin-notice]').hidden"),
                "the new device is not told of itself");
    }

    @Test
    @DisplayName("after logout localStorage, sessionStorage, Cache Storage and IndexedDB are empty, also on the other profile")
    void storageIsEmptyAfterLogout() {
        laptop.login("bob");
        phone.login("bob");
        for (Chromium browser : List.of(laptop, phone)) {
            Map<?, ?> before = browser.fillStorage();
            assertEquals(Chromium.FILLED_STORAGE, before);
        }
        laptop.waiting().until(d -> openEventStreams() >= 2);
        laptop.click("Log out everywhere");
        for (Chromium browser : List.of(laptop, phone)) {
            browser.waiting().until(d -> browser.isLoginPage());
            browser.waiting().until(d -> browser.storage().equals(Chromium.EMPTY_STORAGE));
        }
    }
}
