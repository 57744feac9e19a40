package dev.securelogout.examples;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackendTest {

    @Test
    @DisplayName("a node does not start when Redis cannot be reached, and says so")
    void redisUnreachable() {
        AppConfig config = AppConfig.fromEnv(Map.of("LOGOUT_STORE", "redis", "REDIS_URL", "redis://127.0.0.1:1"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backend.open(config, new byte[32]));
        assertTrue(e.getMessage().contains("REDIS_URL"), e.getMessage());
    }
}
