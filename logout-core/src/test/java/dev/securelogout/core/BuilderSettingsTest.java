package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.securelogout.core.cookie.CookieSpec;
import dev.securelogout.core.cookie.SameSite;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.throttle.LoginThrottle;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Core's builders take each setting once and refuse contradictions at build(), naming the settings. */
class BuilderSettingsTest {

    private static void refused(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalStateException.class, call).getMessage());
    }

    @Test
    @DisplayName("the engine's builder refuses a setting given twice, naming it")
    void engineSettingsOnce() {
        refused("accessTokenLifetime is already set", () -> LogoutEngine.builder()
                .accessTokenLifetime(Duration.ofMinutes(5)).accessTokenLifetime(Duration.ofMinutes(10)));
        refused("inMemory is already set", () -> LogoutEngine.builder().inMemory().inMemory());
        refused("secretKey is already set", () -> LogoutEngine.builder().secretKey(new byte[32]).secretKey(new byte[32]));
        refused("clearHostOnlyTwins is already set", () -> LogoutEngine.builder().clearHostOnlyTwins(true).clearHostOnlyTwins(false));
        refused("healthProbe epoch is already set", () -> LogoutEngine.builder()
                .healthProbe("epoch", () -> { }).healthProbe("epoch", () -> { }));
    }

    @Test
    @DisplayName("the engine's builder refuses contradicting settings at build(), naming them")
    void engineContradictions() {
        refused("inMemory() cannot be combined with a store", () -> LogoutEngine.builder().inMemory()
                .sessionStore(InMemoryStores.sessionStore(Clock.systemUTC())).build());
        refused("cookieClearer cannot be combined with alsoClear, clearHostOnlyTwins or clearFormerDomains",
                () -> LogoutEngine.builder().inMemory().cookieClearer(List::of).clearHostOnlyTwins(true).build());
    }

    @Test
    @DisplayName("a cookie spec and a login throttle take each setting once")
    void cookieAndThrottleSettingsOnce() {
        refused("sameSite is already set", () -> CookieSpec.named("sid").sameSite(SameSite.LAX).sameSite(SameSite.STRICT));
        refused("secure is already set", () -> CookieSpec.named("sid").secure(true).secure(false));
        refused("perAccount is already set", () -> LoginThrottle.builder()
                .perAccount(5, Duration.ofSeconds(1), Duration.ofMinutes(1)).perAccount(3, Duration.ofSeconds(1), Duration.ofMinutes(1)));
        refused("window is already set", () -> LoginThrottle.builder().window(Duration.ofMinutes(1)).window(Duration.ofMinutes(2)));
    }
}
