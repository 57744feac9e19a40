package dev.securelogout.tck.http;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for another node or a window to pass: asks again after a pause, until a deadline. */
public final class Poll {

    private Poll() {
    }

    /**
     * Asks {@code condition} until it holds, pausing {@code pause} between asks, for at most
     * {@code patience}; then fails with {@code failure}'s message.
     *
     * @param patience how long to ask at most
     * @param pause the pause between asks
     * @param condition what must come to hold
     * @param failure the message of the failure
     */
    public static void until(Duration patience, Duration pause, BooleanSupplier condition, Supplier<String> failure) {
        Instant deadline = Instant.now().plus(patience);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail(failure.get());
            }
            LockSupport.parkNanos(pause.toNanos());
        }
    }
}
