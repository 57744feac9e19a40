package dev.securelogout.tck.http;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting for another node, a process or a window to pass: asks again after a pause, until a deadline. Tests wait
 * this way, never by sleeping a guessed time.
 */
public final class Poll {

    /** The pause between asks when none is given: short, so that a measured wait is close to the real one. */
    private static final Duration SHORT_PAUSE = Duration.ofMillis(1);

    private Poll() {
    }

    /**
     * Asks {@code condition} until it holds, for at most {@code patience}.
     *
     * @param patience how long to ask
     * @param condition what to wait for
     * @return how long it took
     * @throws AssertionError if it did not hold in time
     */
    public static Duration until(Duration patience, BooleanSupplier condition) {
        return until(patience, "a condition", condition);
    }

    /**
     * Asks {@code condition} until it holds, for at most {@code patience}; the failure names {@code what}.
     *
     * @param patience how long to ask
     * @param what what is awaited, for the failure message
     * @param condition what to wait for
     * @return how long it took
     * @throws AssertionError if it did not hold in time
     */
    public static Duration until(Duration patience, String what, BooleanSupplier condition) {
        return until(patience, SHORT_PAUSE, condition, () -> "not within " + patience + ": " + what);
    }

    /**
     * Asks {@code condition} until it holds, pausing {@code pause} between asks, for at most {@code patience}; then
     * fails with {@code failure}'s message.
     *
     * @param patience how long to ask
     * @param pause the pause between asks
     * @param condition what to wait for
     * @param failure the failure message
     * @return how long it took
     * @throws AssertionError if it did not hold in time
     */
    public static Duration until(Duration patience, Duration pause, BooleanSupplier condition, Supplier<String> failure) {
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail(failure.get());
            }
            LockSupport.parkNanos(pause.toNanos());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
