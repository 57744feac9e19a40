package dev.securelogout.examples.spring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.examples.AppConfig;
import dev.securelogout.examples.events.EventStreams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Spring example in headless Chromium (Debian's chromium and chromedriver): two browser profiles signed in as one user. */
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
        return node.context.getBean(EventStreams.class).size();
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

    /** One headless Chromium profile in a temporary user-data directory, deleted on close; nothing is downloaded. */
    private static final class Chromium implements AutoCloseable {
        final ChromeDriver driver;
        final String base;
        private final Path profile;

        Chromium(String base) {
            try {
                this.profile = Files.createTempDirectory("chromium-profile-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")).toFile())
                    .usingAnyFreePort().build();
            this.driver = new ChromeDriver(service, options);
            this.base = base;
        }

        WebDriverWait waiting() {
            return new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(50));
        }

        void open(String path) {
            driver.get(base + path);
        }

        void login(String user) {
            open("/login");
            driver.findElement(By.name("username")).sendKeys(user);
            driver.findElement(By.name("password")).sendKeys(user + "-password");
            driver.findElement(By.cssSelector("form[action='/login'] button")).click();
            waiting().until(d -> isHome());
        }

        void click(String label) {
            driver.findElement(By.xpath("//button[normalize-space()='" + label + "']")).click();
        }

        boolean isHome() {
            return !driver.findElements(By.id("user")).isEmpty();
        }

        boolean isLoginPage() {
            return driver.getCurrentUrl().startsWith(base + "/login") && !driver.findElements(By.name("username")).isEmpty();
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // a temporary directory left behind
                }
            }
        }
    }
}
