package dev.securelogout.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium profile driven through the system's chromedriver: both paths are set
 * explicitly (system properties {@code chromium.binary}, {@code chromedriver.binary}, Debian's by
 * default), so Selenium Manager never downloads anything. Each profile has its own temporary
 * user-data directory, deleted on {@link #close()}.
 */
public final class Chromium implements AutoCloseable {

    /** The browser. */
    public final ChromeDriver driver;
    /** The app's root, without a trailing slash. */
    public final String base;
    private final Path profile;

    /** A profile for the app on {@code 127.0.0.1:port}. */
    Chromium(int port) {
        this("http://127.0.0.1:" + port);
    }

    /** A profile for the app at {@code base} (also the Spring example's browser test, through this module's test jar). */
    public Chromium(String base) {
        try {
            this.profile = Files.createTempDirectory("chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1100,760", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.base = base;
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(50));
    }

    public void open(String path) {
        driver.get(base + path);
    }

    /** Signs in through the login form and waits for the home page. */
    public void login(String user) {
        open("/login");
        driver.findElement(By.name("username")).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(user + "-password");
        driver.findElement(By.cssSelector("form[action='/login'] button")).click();
        waiting().until(d -> isHome());
    }

    /** Clicks the button labelled {@code label}. */
    public void click(String label) {
        driver.findElement(By.xpath("//button[normalize-space()='" + label + "']")).click();
    }

    public boolean isHome() {
        return !driver.findElements(By.id("user")).isEmpty();
    }

    public boolean isLoginPage() {
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
