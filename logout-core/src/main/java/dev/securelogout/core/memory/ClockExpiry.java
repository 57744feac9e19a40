package dev.securelogout.core.memory;

import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Lets Caffeine expire each entry at an instant the value names, on the store's {@link Clock}:
 * the ticker reads the clock, and every write sets the entry's remaining time anew.
 */
final class ClockExpiry<K, V> implements Expiry<K, V> {

    private final Clock clock;
    private final Function<V, Instant> deadline;

    ClockExpiry(Clock clock, Function<V, Instant> deadline) {
        this.clock = clock;
        this.deadline = deadline;
    }

    /** A Caffeine ticker that reads {@code clock}, so that a test clock drives expiry. */
    static Ticker ticker(Clock clock) {
        return () -> clock.millis() * 1_000_000L;
    }

    private long remaining(V value) {
        Duration left = Duration.between(clock.instant(), deadline.apply(value));
        return left.isNegative() ? 0 : saturatedNanos(left);
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public long expireAfterCreate(K key, V value, long currentTime) {
        return remaining(value);
    }

    @Override
    public long expireAfterUpdate(K key, V value, long currentTime, long currentDuration) {
        return remaining(value);
    }

    @Override
    public long expireAfterRead(K key, V value, long currentTime, long currentDuration) {
        return currentDuration;
    }
}
