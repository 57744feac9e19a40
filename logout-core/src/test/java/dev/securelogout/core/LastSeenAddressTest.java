package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The device list's last-seen address: recorded by {@code check(sessionId, clientIp)}, beside the sign-in address. */
class LastSeenAddressTest {

    private final TestClock clock = new TestClock();
    private final LogoutEngine engine = LogoutEngine.builder().inMemory().clock(clock).touchInterval(Duration.ofMinutes(1)).build();

    @AfterEach
    void close() {
        engine.close();
    }

    private Session listed(NewSession session) {
        return engine.sessionsOf(session.session()).stream().filter(s -> s.handle().equals(session.session().handle()))
                .findFirst().orElseThrow();
    }

    @Test
    @DisplayName("a request from a new address is recorded at once, inside the touch interval; the sign-in address stays")
    void newAddressAtOnce() {
        NewSession session = engine.startSession("alice", Device.of("curl/8.0", "192.0.2.1"));
        assertEquals("192.0.2.1", listed(session).lastSeenIp(), "signed in from there");
        clock.advance(Duration.ofSeconds(5));
        Session checked = engine.check(session.id().value(), "198.51.100.9").session().orElseThrow();
        assertEquals("198.51.100.9", checked.lastSeenIp());
        assertEquals("198.51.100.9", listed(session).lastSeenIp(), "stored, not only answered");
        assertEquals("192.0.2.1", listed(session).device().ip());
    }

    @Test
    @DisplayName("the same address inside the touch interval writes nothing; a check without an address keeps the last one")
    void sameAddressNoWrite() {
        NewSession session = engine.startSession("alice", Device.of("curl/8.0", "192.0.2.1"));
        clock.advance(Duration.ofSeconds(5));
        engine.check(session.id().value(), "192.0.2.1");
        assertEquals(session.session().lastActiveAt(), listed(session).lastActiveAt(), "no touch inside the interval");
        clock.advance(Duration.ofMinutes(2));
        Session checked = engine.check(session.id().value()).session().orElseThrow();
        assertEquals("192.0.2.1", checked.lastSeenIp());
        assertEquals(clock.instant(), listed(session).lastActiveAt(), "touched after the interval");
    }
}
