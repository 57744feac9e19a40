package dev.securelogout.core;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polling with a deadline (core's tests cannot use logout-tck's Poll, which depends on core); public for every core package's tests. */
public final class Await {

    private Await() {
    }

    /** Asks {@code condition} every 20 ms until it holds; fails naming {@code what} after {@code patience}. */
    public static void until(Duration patience, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + patience + ": " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
