package dev.securelogout.examples.spring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.examples.AppConfig;
import dev.securelogout.examples.Chromium;
import dev.securelogout.servlet.SessionEventStreams;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Spring example in headless Chromium (Debian's chromium and chromedriver, driven by the servlet
 * example's {@link Chromium}): two browser profiles signed in as one user.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT {

    private SpringNode node;
    private Chromium laptop;
    private Chromium phone;

    @BeforeAll
    void start() {
        node = new SpringNode(AppConfig.inMemory());
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @BeforeEach
    void browsers() {
        laptop = new Chromium(node.http().base().toString());
        phone = new Chromium(node.http().base().toString());
    }

    @AfterEach
    void closeBrowsers() {
        laptop.close();
        phone.close();
    }

    private int openEventStreams() {
        return node.context.getBean(SessionEventStreams.class).size();
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
        laptop.waiting().until(d -> openEventStreams() >= 2);
        laptop.click("Log out everywhere");
        Instant clicked = Instant.now();
        phone.waiting().until(d -> phone.isLoginPage());
        Duration took = Duration.between(clicked, Instant.now());
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "the other page left after " + took);
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
