package dev.securelogout.core;

import dev.securelogout.core.event.LogoutStep;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Runs the steps of one operation so that a failing step never skips the next: each failure is
 * recorded by its {@link LogoutStep}, and reported in one log line at the end. Not thread-safe:
 * one per operation.
 */
final class Steps {

    private final Set<LogoutStep> failed = EnumSet.noneOf(LogoutStep.class);
    private final List<RuntimeException> causes = new ArrayList<>();

    /** Runs {@code action}; on any exception records {@code step} and returns {@code fallback}. */
    <T> T run(LogoutStep step, Supplier<T> action, T fallback) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            failed(step, e);
            return fallback;
        }
    }

    /** Runs {@code action} as {@code step}. */
    void run(LogoutStep step, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            failed(step, e);
        }
    }

    private void failed(LogoutStep step, RuntimeException e) {
        failed.add(step);
        causes.add(e);
    }

    /** The steps that failed so far. */
    Set<LogoutStep> failed() {
        return failed.isEmpty() ? Set.of() : EnumSet.copyOf(failed);
    }

    /** One ERROR line naming the failed steps and the first cause (the stack traces at DEBUG). */
    void report(Logger log, String operation) {
        if (causes.isEmpty()) {
            return;
        }
        log.error("{} incomplete: failed steps {}; first cause {}", operation, failed, causes.get(0).toString());
        if (log.isDebugEnabled()) {
            causes.forEach(cause -> log.debug("{} step failure", operation, cause));
        }
    }
}
