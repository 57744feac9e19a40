package dev.securelogout.redis;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for real asynchrony (a pub/sub message, a reconnection) by polling against a deadline. */
final class Poll {

    private Poll() {
    }

    /** Polls {@code condition} until true; fails after {@code timeout}. Returns how long it took. */
    static Duration until(Duration timeout, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
