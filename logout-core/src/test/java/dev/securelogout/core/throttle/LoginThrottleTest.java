package dev.securelogout.core.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.TestClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final TestClock clock = new TestClock();
    private final LoginThrottle throttle = LoginThrottle.builder().clock(clock)
            .perAccount(3, Duration.ofSeconds(1), Duration.ofSeconds(8))
            .perAddress(10, Duration.ofSeconds(2), Duration.ofMinutes(1))
            .window(Duration.ofMinutes(15)).build();

    @Test
    void anAccountIsFreeForItsFreeFailuresThenBlockedForADelayThatDoublesUpToTheBound() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), throttle.check("alice", "10.0.0." + i));
            throttle.failed("alice", "10.0.0." + i);
        }
        assertEquals(Optional.empty(), throttle.check("alice", "10.0.0.9"), "three free failures");
        long[] expected = {1, 2, 4, 8, 8};
        for (long seconds : expected) {
            throttle.failed("alice", "10.0.1." + seconds);
            assertEquals(Optional.of(Duration.ofSeconds(seconds)), throttle.check("ALICE ", "10.0.2.1"), "any address, any case");
            clock.advance(Duration.ofSeconds(seconds));
            assertEquals(Optional.empty(), throttle.check("alice", "10.0.2.1"));
        }
        assertEquals(Optional.empty(), throttle.check("bob", "10.0.2.1"), "another account is not blocked");
    }

    @Test
    void unknownAndExistingAccountsAreCountedAlike() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice", "10.0.0." + i);
            throttle.failed("no-such-user", "10.0.1." + i);
        }
        assertEquals(throttle.check("alice", "10.0.3.1"), throttle.check("no-such-user", "10.0.3.1"));
        assertTrue(throttle.check("alice", "10.0.3.1").isPresent());
    }

    @Test
    void anAddressIsBlockedAcrossAccountsAfterItsFreeFailures() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("user" + i, "192.0.2.7");
        }
        assertEquals(Optional.empty(), throttle.check("fresh", "192.0.2.7"));
        throttle.failed("user10", "192.0.2.7");
        assertEquals(Optional.of(Duration.ofSeconds(2)), throttle.check("fresh", "192.0.2.7"));
        assertEquals(Optional.empty(), throttle.check("fresh", "192.0.2.8"), "another address is free");
    }

    @Test
    void aSuccessForgetsTheAccountsFailuresButNotTheAddresss() {
        for (int i = 0; i < 11; i++) {
            throttle.failed("alice", "192.0.2.7");
        }
        throttle.succeeded("alice", "192.0.2.7");
        assertTrue(throttle.check("alice", "192.0.2.7").isPresent(), "the address stays blocked");
        assertEquals(Optional.empty(), throttle.check("alice", "192.0.2.8"), "the account is free again");
    }

    @Test
    void failuresAreForgottenAWindowAfterTheLast() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice", "10.0.0." + i);
        }
        clock.advance(Duration.ofMinutes(16));
        assertEquals(Optional.empty(), throttle.check("alice", "10.0.0.1"));
        throttle.failed("alice", "10.0.0.1");
        assertEquals(Optional.empty(), throttle.check("alice", "10.0.0.1"), "counting starts again");
    }

    @Test
    void waitsAreWholeSecondsRoundedUp() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("alice", "10.0.0." + i);
        }
        clock.advance(Duration.ofMillis(200));
        assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.check("alice", "10.0.0.1"));
    }

    @Test
    void nullAndOversizedNamesAreKeysLikeAnyOther() {
        String huge = "a".repeat(10_000);
        for (int i = 0; i < 4; i++) {
            throttle.failed(null, null);
            throttle.failed(huge, "10.0.0." + i);
        }
        assertTrue(throttle.check(null, "10.9.9.9").isPresent());
        assertTrue(throttle.check(huge + "b", "10.9.9.9").isPresent(), "names are kept to their first characters");
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> LoginThrottle.builder().perAccount(-1, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> LoginThrottle.builder().perAddress(1, Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> LoginThrottle.builder().window(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> LoginThrottle.builder().maxKeys(0));
    }
}
