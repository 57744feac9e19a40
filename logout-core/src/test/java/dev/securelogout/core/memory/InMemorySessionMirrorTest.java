package dev.securelogout.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.Await;
import dev.securelogout.core.TestClock;
import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The in-memory store's lookup mirror follows its cache: nothing the cache dropped stays in it. */
class InMemorySessionMirrorTest {

    private static final Duration IDLE = Duration.ofMinutes(30);

    private final TestClock clock = new TestClock();
    private final InMemorySessionStore store = new InMemorySessionStore(clock);
    private final SecureRandom random = new SecureRandom();

    private Session register(String userId) {
        Instant now = clock.instant();
        Session session = new Session(Credential.generate("AAAAAAAAAAA", random).key(), "handle-" + userId + "-" + random.nextInt(1_000_000),
                userId, now, now, now.plus(Duration.ofHours(12)), IDLE, Device.of("curl/8.5.0", "192.0.2.1"));
        store.register(session, SessionLimit.NONE);
        return session;
    }

    @Test
    @DisplayName("deletes, device revocation, logout everywhere and touches keep the mirror equal to the cache")
    void writesMirrored() {
        List<Session> alice = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            alice.add(register("alice"));
        }
        Session bob = register("bob");
        assertEquals(6, store.mirrored());
        assertTrue(store.touch(bob.key(), clock.instant().plusSeconds(60), "198.51.100.1"));
        assertEquals(Optional.of("198.51.100.1"), store.find(bob.key(), clock.instant()).map(Session::lastSeenIp), "the touch is read back");
        store.delete(alice.get(0).key());
        store.deleteDevice("alice", alice.get(1).handle());
        assertEquals(4, store.mirrored());
        store.deleteAllOfUser("alice", Optional.of(alice.get(2).key()));
        assertEquals(2, store.mirrored());
        store.deleteAllOfUser("alice", Optional.empty());
        store.delete(bob.key());
        assertEquals(0, store.mirrored());
    }

    @Test
    @DisplayName("a session the cache expires leaves the mirror too")
    void expiryMirrored() {
        AtomicInteger reported = new AtomicInteger();
        store.onExpiry(session -> reported.incrementAndGet());
        for (int i = 0; i < 20; i++) {
            register("carol");
        }
        clock.advance(IDLE.plusSeconds(2));
        Session erin = register("erin");
        Await.until(Duration.ofSeconds(10), "the 20 expired sessions reported and gone from the mirror", () -> {
            store.touch(erin.key(), clock.instant(), "192.0.2.1"); // a write runs the cache's maintenance
            return reported.get() == 20 && store.mirrored() == 1;
        });
        assertTrue(store.find(erin.key(), clock.instant()).isPresent(), "the live session stays");
    }
}
