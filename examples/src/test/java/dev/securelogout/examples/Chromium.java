package dev.securelogout.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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

    /** What {@link #storage()} says of a browser that keeps nothing. */
    static final Map<String, Long> EMPTY_STORAGE = Map.of("local", 0L, "session", 0L, "caches", 0L, "databases", 0L);
    /** What {@link #storage()} says right after {@link #fillStorage()}. */
    static final Map<String, Long> FILLED_STORAGE = Map.of("local", 1L, "session", 1L, "caches", 1L, "databases", 1L);

    /**
     * Puts private data where an app keeps it (a {@code demo:} localStorage key, sessionStorage, a
     * Cache Storage entry, an IndexedDB database) and answers {@link #storage()}.
     */
    Map<?, ?> fillStorage() {
        return (Map<?, ?>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                localStorage.setItem('demo:draft', 'a private draft');
                sessionStorage.setItem('demo:tab', 'tab state');
                caches.open('demo-cache')
                  .then(c => c.put('/healthz', new Response('cached private data')))
                  .then(() => new Promise((resolve, reject) => {
                    const open = indexedDB.open('demo-db', 1);
                    open.onupgradeneeded = () => open.result.createObjectStore('messages');
                    open.onsuccess = () => {
                      const tx = open.result.transaction('messages', 'readwrite');
                      tx.objectStore('messages').put('a private message', 1);
                      tx.oncomplete = () => { open.result.close(); resolve(); };
                      tx.onerror = reject;
                    };
                    open.onerror = reject;
                  }))
                  .then(() => Promise.all([caches.keys(), indexedDB.databases()]))
                  .then(([keys, dbs]) => done({local: localStorage.length, session: sessionStorage.length,
                                               caches: keys.length, databases: dbs.length}))
                  .catch(e => done({error: String(e)}));
                """);
    }

    /** How many localStorage keys, sessionStorage keys, caches and IndexedDB databases this page's origin holds. */
    Map<?, ?> storage() {
        return (Map<?, ?>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all([caches.keys(), indexedDB.databases()])
                  .then(([keys, dbs]) => done({local: localStorage.length, session: sessionStorage.length,
                                               caches: keys.length, databases: dbs.length}))
                  .catch(e => done({error: String(e)}));
                """);
    }

    /** Blocks this tab's requests to the event stream (DevTools), so it hears of a logout only from another tab. */
    void blockEventStream() {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/events*")));
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
