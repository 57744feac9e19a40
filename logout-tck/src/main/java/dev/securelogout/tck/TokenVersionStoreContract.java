package dev.securelogout.tck;

import static dev.securelogout.tck.Users.newUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.core.token.TokenState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenVersionStore} must do: per-user token states that only move forward.
 * Extend it with one hook:
 *
 * <pre>{@code
 * class MyVersionsTest extends TokenVersionStoreContract {
 *     protected TokenVersionStore createStore(MutableClock clock) { return new MyVersions(client); }
 * }
 * }</pre>
 */
public abstract class TokenVersionStoreContract {

    /** For subclasses, one per implementation under test. */
    protected TokenVersionStoreContract() {
    }

    /** The clock of the test (states are not expiry-driven, but the times come from it). */
    protected MutableClock clock;
    /** The store under test. */
    protected TokenVersionStore versions;

    /**
     * Builds the store under test: a fresh, empty one (or namespace).
     *
     * @param clock the clock that tells the time
     * @return the token version store
     */
    protected abstract TokenVersionStore createStore(MutableClock clock);

    @BeforeEach
    void createFreshStore() {
        clock = MutableClock.startingNow();
        versions = createStore(clock);
    }

    @Nested
    @DisplayName("token state")
    class State {

        @Test
        @DisplayName("a user starts at the initial state")
        void initial() {
            assertEquals(TokenState.INITIAL, versions.tokenState(newUser()));
        }

        @Test
        @DisplayName("each advance adds one version and moves not-before, per user")
        void advance() {
            String user = newUser();
            TokenState first = versions.advance(user, clock.instant());
            assertEquals(new TokenState(1, clock.instant()), first);
            clock.advance(Duration.ofSeconds(3));
            TokenState second = versions.advance(user, clock.instant());
            assertEquals(new TokenState(2, clock.instant()), second);
            assertEquals(second, versions.tokenState(user));
            assertEquals(TokenState.INITIAL, versions.tokenState(newUser()));
        }

        @Test
        @DisplayName("not-before never moves backwards")
        void notBeforeNeverBackwards() {
            String user = newUser();
            Instant later = clock.instant().plusSeconds(60);
            versions.advance(user, later);
            assertEquals(new TokenState(2, later), versions.advance(user, clock.instant()));
        }

        @Test
        @DisplayName("concurrent advances are all counted")
        void concurrentAdvances() throws Exception {
            String user = newUser();
            List<Callable<Long>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> versions.advance(user, clock.instant()).version());
            }
            List<Long> seen = Concurrently.run(tasks);
            assertEquals(8, versions.tokenState(user).version());
            assertEquals(8, seen.stream().distinct().count());
            assertNotEquals(TokenState.INITIAL, versions.tokenState(user));
        }
    }
}
