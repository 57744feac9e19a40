package dev.securelogout.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A {@link Clock} that tests move by hand, so that expiry is tested without sleeping. Starts at a
 * millisecond-precision instant (stores keep milliseconds). Thread-safe.
 */
public final class MutableClock extends Clock {

    private volatile Instant now;

    /**
     * A clock standing at {@code start}, truncated to milliseconds.
     *
     * @param start the start
     */
    public MutableClock(Instant start) {
        this.now = start.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A clock standing at the current time, truncated to milliseconds.
     *
     * @return a clock standing at the current time, truncated to milliseconds
     */
    public static MutableClock startingNow() {
        return new MutableClock(Instant.now());
    }

    /**
     * Moves the clock forward by {@code duration}.
     *
     * @param duration the duration
     */
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward here");
        }
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a MutableClock is always UTC");
    }
}
