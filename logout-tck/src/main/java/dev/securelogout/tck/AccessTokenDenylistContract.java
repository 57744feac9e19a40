package dev.securelogout.tck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.token.AccessTokenId;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AccessTokenDenylist} must do: refuse an access token until its expiry, then
 * forget it. Extend it with one hook:
 *
 * <pre>{@code
 * class MyDenylistTest extends AccessTokenDenylistContract {
 *     protected AccessTokenDenylist createDenylist(MutableClock clock) { return new MyDenylist(client, clock); }
 * }
 * }</pre>
 */
public abstract class AccessTokenDenylistContract {

    /** For subclasses, one per implementation under test. */
    protected AccessTokenDenylistContract() {
    }

    /** The clock the denylist under test was built with. */
    protected MutableClock clock;
    /** The denylist under test. */
    protected AccessTokenDenylist denylist;

    /**
     * Builds the denylist under test on {@code clock}: a fresh, empty one (or namespace).
     *
     * @param clock the clock that tells the time
     * @return the access token denylist
     */
    protected abstract AccessTokenDenylist createDenylist(MutableClock clock);

    @BeforeEach
    void createFreshDenylist() {
        clock = MutableClock.startingNow();
        denylist = createDenylist(clock);
    }

    @Nested
    @DisplayName("access-token denylist")
    class Denylist {

        @Test
        @DisplayName("a denied token is refused until its expiry, then forgotten")
        void deniedUntilExpiry() {
            AccessTokenId id = new AccessTokenId("https://issuer.example", UUID.randomUUID().toString());
            denylist.deny(id, clock.instant().plus(Duration.ofMinutes(15)));
            assertTrue(denylist.isDenied(id));
            clock.advance(Duration.ofMinutes(15).minusMillis(1));
            assertTrue(denylist.isDenied(id));
            clock.advance(Duration.ofMillis(1));
            assertFalse(denylist.isDenied(id));
        }

        @Test
        @DisplayName("entries are keyed by issuer and jti together")
        void keyedByIssuerAndJti() {
            String jti = UUID.randomUUID().toString();
            denylist.deny(new AccessTokenId("https://a.example", jti), clock.instant().plus(Duration.ofMinutes(5)));
            assertTrue(denylist.isDenied(new AccessTokenId("https://a.example", jti)));
            assertFalse(denylist.isDenied(new AccessTokenId("https://b.example", jti)));
            assertFalse(denylist.isDenied(new AccessTokenId("https://a.example", jti + "x")));
            assertFalse(denylist.isDenied(new AccessTokenId("", jti)));
        }

        @Test
        @DisplayName("a token already expired is not kept; denying twice is harmless")
        void expiredAndRepeated() {
            AccessTokenId old = new AccessTokenId("", UUID.randomUUID().toString());
            denylist.deny(old, clock.instant().minusSeconds(1));
            assertFalse(denylist.isDenied(old));
            AccessTokenId id = new AccessTokenId("iss:{weird}*", "jti:{ü}\"' " + UUID.randomUUID());
            denylist.deny(id, clock.instant().plusSeconds(60));
            denylist.deny(id, clock.instant().plusSeconds(60));
            assertTrue(denylist.isDenied(id));
        }
    }
}
