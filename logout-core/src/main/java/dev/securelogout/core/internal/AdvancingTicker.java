package dev.securelogout.core.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Caffeine {@link Ticker} that reads no clock: its time is the latest instant its callers
 * advanced it to, in milliseconds since the epoch (as nanoseconds). A cache whose every call is
 * preceded by an advance sees the same expiries as with a ticker that reads the clock, and its
 * per-request lookup costs no clock read when the caller already holds the time (a clock read is
 * about as dear as the lookup itself).
 *
 * <p>Time never moves back: an advance to an earlier instant changes nothing, and a read costs one
 * volatile load. A ticker behind the clock makes entries expire later, never sooner: the caller
 * must advance it before any lookup whose answer depends on expiry. Thread-safe.
 */
public final class AdvancingTicker implements Ticker {

    private final Clock clock;
    private final AtomicLong nanos;

    /**
     * A ticker at {@code clock}'s time.
     *
     * @param clock the clock {@link #advance()} reads
     */
    public AdvancingTicker(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanos = new AtomicLong(nanosOf(clock.instant()));
    }

    /**
     * The time of the latest advance.
     *
     * @return milliseconds since the epoch, as nanoseconds
     */
    @Override
    public long read() {
        return nanos.get();
    }

    /**
     * Reads the clock and advances to its time.
     *
     * @return the clock's instant
     */
    public Instant advance() {
        Instant now = clock.instant();
        advanceTo(now);
        return now;
    }

    /**
     * Advances to {@code now}, read from the clock by the caller, unless the ticker is already there
     * (one load, and at most once per millisecond a compare-and-set).
     *
     * @param now the clock's time
     */
    public void advanceTo(Instant now) {
        long target = nanosOf(now);
        long seen = nanos.get();
        while (target > seen && !nanos.compareAndSet(seen, target)) {
            seen = nanos.get();
        }
    }

    /**
     * {@code instant} on this ticker's scale, saturated at the ends of a {@code long}.
     *
     * @param instant any instant
     * @return its milliseconds since the epoch, as nanoseconds
     */
    public static long nanosOf(Instant instant) {
        long millis;
        try {
            millis = instant.toEpochMilli();
        } catch (ArithmeticException e) {
            return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        long nanos = millis * 1_000_000L;
        return nanos / 1_000_000L == millis ? nanos : millis < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
}
