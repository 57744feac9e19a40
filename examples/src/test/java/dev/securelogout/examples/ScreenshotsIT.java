package dev.securelogout.examples;

import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.HttpSurfaceContract;
import dev.securelogout.tck.http.TestClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;

/**
 * Saves the README's screenshots of the login, home and devices pages to
 * {@code docs/screenshots/}. The build excludes it, so an ordinary build leaves the committed images
 * alone; naming it runs it:
 * {@code mvn -pl examples -am verify -Dit.test=ScreenshotsIT -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ScreenshotsIT {

    @Test
    @DisplayName("login, home and devices pages as PNG")
    void screenshots() throws Exception {
        Path dir = Path.of(System.getProperty("screenshots.dir", "docs/screenshots"));
        Files.createDirectories(dir);
        ExampleApp app = new ExampleApp();
        int port = app.start(AppConfig.inMemory());
        try (Chromium browser = new Chromium(port)) {
            new TestClient(URI.create(browser.base), HttpSurfaceContract.FIREFOX).login(HttpApp.ALICE, false);
            browser.open("/login?logout");
            save(browser, dir.resolve("login.png"));
            browser.login("alice");
            save(browser, dir.resolve("home.png"));
            browser.open("/sessions");
            save(browser, dir.resolve("devices.png"));
        } finally {
            app.stop();
        }
    }

    private static void save(Chromium browser, Path file) throws Exception {
        Files.write(file, browser.driver.getScreenshotAs(OutputType.BYTES));
    }
}
