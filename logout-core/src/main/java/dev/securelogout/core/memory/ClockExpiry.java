package dev.securelogout.core.memory;

import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.securelogout.core.internal.AdvancingTicker;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * Lets Caffeine expire each entry at an instant the value names, on the scale of an {@link
 * AdvancingTicker} (or of {@link #ticker}, which reads the store's clock): every write sets the
 * entry's remaining time anew, from the ticker's time.
 */
final class ClockExpiry<K, V> implements Expiry<K, V> {

    private final Function<V, Instant> deadline;

    ClockExpiry(Function<V, Instant> deadline) {
        this.deadline = deadline;
    }

    /** A Caffeine ticker that reads {@code clock} on every read, on an {@link AdvancingTicker}'s scale. */
    static Ticker ticker(Clock clock) {
        return () -> clock.millis() * 1_000_000L;
    }

    /** From {@code currentTime}, the ticker's, so that the entry expires when the ticker reaches its deadline. */
    private long remaining(V value, long currentTime) {
        long end = AdvancingTicker.nanosOf(deadline.apply(value));
        if (end <= currentTime) {
            return 0;
        }
        long left = end - currentTime;
        return left < 0 ? Long.MAX_VALUE : left; // overflowed: a deadline centuries away
    }

    @Override
    public long expireAfterCreate(K key, V value, long currentTime) {
        return remaining(value, currentTime);
    }

    @Override
    public long expireAfterUpdate(K key, V value, long currentTime, long currentDuration) {
        return remaining(value, currentTime);
    }

    @Override
    public long expireAfterRead(K key, V value, long currentTime, long currentDuration) {
        return currentDuration;
    }
}
