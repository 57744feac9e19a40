package dev.securelogout.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The demo in headless Chromium: two browser profiles signed in as one user. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT {

    private final ExampleApp app = new ExampleApp();
    private int port;
    private Chromium laptop;
    private Chromium phone;

    @BeforeAll
    void start() throws Exception {
        port = app.start(AppConfig.inMemory());
    }

    @AfterAll
    void stop() {
        app.stop();
    }

    @BeforeEach
    void browsers() {
        laptop = new Chromium(port);
        phone = new Chromium(port);
    }

    @AfterEach
    void closeBrowsers() {
        laptop.close();
        phone.close();
    }

    @Test
    @DisplayName("logout on one profile leaves the other signed in")
    void logoutOnOneLeavesTheOther() {
        laptop.login("alice");
        phone.login("alice");
        laptop.click("Log out");
        laptop.waiting().until(d -> laptop.isLoginPage());
        assertTrue(laptop.driver.getPageSource().contains("You have been logged out"));
        phone.driver.navigate().refresh();
        assertTrue(phone.isHome());
        laptop.open("/");
        assertTrue(laptop.isLoginPage());
    }

    @Test
    @DisplayName("logout everywhere on one profile: the other page is told and goes to the login page by itself")
    void logoutEverywhereReachesTheOtherPage() {
        laptop.login("alice");
        phone.login("alice");
        // both home pages listen to /events
        laptop.waiting().until(d -> app.openEventStreams() >= 2);
        laptop.click("Log out everywhere");
        Instant clicked = Instant.now();
        phone.waiting().until(d -> phone.isLoginPage());
        Duration took = Duration.between(clicked, Instant.now());
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "the other page left after " + took);
        assertTrue(phone.driver.getPageSource().contains("You have been logged out"));
        laptop.waiting().until(d -> laptop.isLoginPage());
        phone.open("/");
        assertTrue(phone.isLoginPage());
    }

    @Test
    @DisplayName("a sign-in on another profile shows a notice on the page already open, naming the new device")
    void signInNotice() {
        laptop.login("bob");
        laptop.waiting().until(d -> app.openEventStreams() >= 1);
        phone.login("bob");
        laptop.waiting().until(d -> Boolean.TRUE.equals(laptop.driver.executeScript(
                "var n = document.querySelector('[data-signin-notice]'); return !!n && !n.hidden;")));
        String notice = (String) laptop.driver.executeScript("return document.querySelector('[data-signin-notice]').textContent");
        assertTrue(notice.startsWith("New sign-in to your account: ") && notice.contains("127.0.0.1"), notice);
        assertEquals(Boolean.TRUE, phone.driver.executeScript("return document.querySelector('[data-signin-notice]').hidden"),
                "the new device is not told of itself");
    }

    @Test
    @DisplayName("after logout the back button shows no signed-in content")
    void backButtonAfterLogout() {
        laptop.login("alice");
        laptop.open("/sessions");
        laptop.waiting().until(d -> d.getPageSource().contains("Your devices"));
        laptop.click("Log out everywhere");
        laptop.waiting().until(d -> laptop.isLoginPage());
        for (int i = 0; i < 3; i++) {
            laptop.driver.navigate().back();
            laptop.waiting().until(d -> "complete".equals(laptop.driver.executeScript("return document.readyState")));
            String page = laptop.driver.getPageSource();
            assertFalse(page.contains("id=\"user\"") || page.contains("Your devices") || page.contains("class=\"badge\""),
                    "protected content after back: " + laptop.driver.getCurrentUrl());
        }
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
        laptop.waiting().until(d -> app.openEventStreams() >= 2);
        laptop.click("Log out everywhere");
        for (Chromium browser : List.of(laptop, phone)) {
            browser.waiting().until(d -> browser.isLoginPage());
            browser.waiting().until(d -> browser.storage().equals(Chromium.EMPTY_STORAGE));
        }
    }
}
