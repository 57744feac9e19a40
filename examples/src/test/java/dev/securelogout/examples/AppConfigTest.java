package dev.securelogout.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    @Test
    @DisplayName("no variables: port 8080, in-memory stores, no Redis, a random secret")
    void defaults() {
        AppConfig config = AppConfig.fromEnv(Map.of());
        assertEquals(8080, config.port());
        assertEquals(AppConfig.Store.MEMORY, config.store());
        assertEquals(Optional.empty(), config.redisUrl());
        assertTrue(config.secret().length() >= AppConfig.MIN_SECRET_BYTES);
    }

    @Test
    @DisplayName("LOGOUT_STORE=redis without REDIS_URL uses redis://127.0.0.1:6379 under the default prefix")
    void redisDefaults() {
        AppConfig config = AppConfig.fromEnv(Map.of("LOGOUT_STORE", "redis"));
        assertEquals(Optional.of(AppConfig.DEFAULT_REDIS_URL), config.redisUrl());
        assertEquals(AppConfig.DEFAULT_REDIS_PREFIX, config.redisPrefix());
    }

    @Test
    @DisplayName("LOGOUT_STORE=jdbc with REDIS_URL keeps it (for the notices); without, none")
    void jdbcWithRedisNotices() {
        String jdbc = "jdbc:h2:mem:x";
        assertEquals(Optional.of("redis://10.0.0.5:6380"), AppConfig.fromEnv(Map.of("LOGOUT_STORE", "jdbc", "JDBC_URL", jdbc,
                "REDIS_URL", "redis://10.0.0.5:6380", "REDIS_PREFIX", "app-1")).redisUrl());
        assertEquals(Optional.empty(), AppConfig.fromEnv(Map.of("LOGOUT_STORE", "jdbc", "JDBC_URL", jdbc)).redisUrl());
    }

    @Test
    @DisplayName("a malformed value is refused with a message naming the variable")
    void refused() {
        Map<Map<String, String>, String> cases = Map.of(
                Map.of("PORT", "eighty"), "PORT",
                Map.of("LOGOUT_STORE", "mongo"), "LOGOUT_STORE",
                Map.of("LOGOUT_STORE", "jdbc"), "JDBC_URL",
                Map.of("LOGOUT_STORE", "redis", "REDIS_URL", "http://127.0.0.1:6379"), "REDIS_URL",
                Map.of("LOGOUT_STORE", "redis", "REDIS_URL", "redis://"), "REDIS_URL",
                Map.of("REDIS_PREFIX", "a{b}"), "REDIS_PREFIX",
                Map.of("JWT_SECRET", "short"), "JWT_SECRET");
        cases.forEach((env, variable) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AppConfig.fromEnv(env));
            assertTrue(e.getMessage().contains(variable), e.getMessage());
        });
    }

    @Test
    @DisplayName("toString names the stores, never a URL or the secret")
    void toStringHidesSecrets() {
        AppConfig config = AppConfig.fromEnv(Map.of("LOGOUT_STORE", "redis", "REDIS_URL", "redis://user:pw@127.0.0.1:6379",
                "JWT_SECRET", "a-secret-of-at-least-thirty-two-bytes"));
        assertFalse(config.toString().contains("pw") || config.toString().contains("a-secret"), config.toString());
    }
}
