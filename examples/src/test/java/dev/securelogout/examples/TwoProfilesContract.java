package dev.securelogout.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What both example apps (this one, and the Spring one through this module's test jar) do in headless Chromium with two
 * browser profiles signed in as one user. Hooks: where the app listens, and how many event streams it holds open.
 */
public abstract class TwoProfilesContract {

    /** The first profile. */
    protected Chromium laptop;
    /** The second profile. */
    protected Chromium phone;

    /** The app's root, e.g. {@code http://127.0.0.1:8080}. */
    protected abstract String base();

    /** How many SSE streams of /events the app holds open. */
    protected abstract int openEventStreams();

    @BeforeEach
    void browsers() {
        laptop = new Chromium(base());
        phone = new Chromium(base());
    }

    @AfterEach
    void closeBrowsers() {
        laptop.close();
        phone.close();
    }

    @Test
    @DisplayName("logout on one profile leaves the other signed in; the logged-out one is sent to the login page")
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
        laptop.waiting().until(d -> openEventStreams() >= 2);
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
    @DisplayName("after logout the back button shows no signed-in content")
    void backButtonAfterLogout() {
        laptop.login("bob");
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
}
