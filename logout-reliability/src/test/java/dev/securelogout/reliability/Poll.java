package dev.securelogout.reliability;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for real asynchrony (a process starting, a subscription reconnecting) by polling up to a deadline. */
final class Poll {

    private Poll() {
    }

    /** Polls {@code condition} every 10 ms until it holds; fails naming {@code what} after {@code deadline}. */
    static void until(Duration deadline, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + deadline + ": " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
