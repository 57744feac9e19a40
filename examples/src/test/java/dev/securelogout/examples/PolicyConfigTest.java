package dev.securelogout.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.session.SessionLimit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PolicyConfigTest {

    @Test
    @DisplayName("no variables: no session limit, a 300-second re-authentication window, no trusted proxy")
    void defaults() {
        PolicyConfig policy = PolicyConfig.fromEnv(Map.of());
        assertEquals(SessionLimit.NONE, policy.sessionLimit());
        assertEquals(Duration.ofSeconds(300), policy.reauthenticationWindow());
        assertTrue(policy.trustedProxies().isEmpty());
    }

    @Test
    @DisplayName("MAX_SESSIONS_PER_USER with SESSION_LIMIT_POLICY evict-oldest (the default) or refuse")
    void limit() {
        assertEquals(SessionLimit.evictingBeyond(2), PolicyConfig.fromEnv(Map.of("MAX_SESSIONS_PER_USER", "2")).sessionLimit());
        assertEquals(SessionLimit.refusingBeyond(3),
                PolicyConfig.fromEnv(Map.of("MAX_SESSIONS_PER_USER", " 3 ", "SESSION_LIMIT_POLICY", "refuse")).sessionLimit());
        assertEquals(SessionLimit.NONE, PolicyConfig.fromEnv(Map.of("MAX_SESSIONS_PER_USER", "")).sessionLimit());
    }

    @Test
    @DisplayName("REAUTH_WINDOW in seconds; TRUSTED_PROXIES as addresses and CIDR ranges of both families")
    void windowAndProxies() {
        PolicyConfig policy = PolicyConfig.fromEnv(Map.of("REAUTH_WINDOW", "60", "TRUSTED_PROXIES", "10.0.0.0/8, ::1"));
        assertEquals(Duration.ofMinutes(1), policy.reauthenticationWindow());
        assertTrue(policy.trustedProxies().trusts("10.1.2.3"));
        assertTrue(policy.trustedProxies().trusts("::1"));
        assertFalse(policy.trustedProxies().trusts("192.0.2.1"));
        assertFalse(policy.toString().contains("10.0.0.0"), "the proxies are not printed");
    }

    @Test
    @DisplayName("a wrong value is refused with the variable's name")
    void invalid() {
        Map<String, String> bad = Map.of("MAX_SESSIONS_PER_USER", "0", "SESSION_LIMIT_POLICY", "oldest", "REAUTH_WINDOW", "0",
                "TRUSTED_PROXIES", "10.0.0.0/99");
        bad.forEach((name, value) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyConfig.fromEnv(Map.of(name, value)));
            assertTrue(e.getMessage().startsWith(name), e.getMessage());
        });
        assertThrows(IllegalArgumentException.class, () -> PolicyConfig.fromEnv(Map.of("REAUTH_WINDOW", "soon")));
    }
}
