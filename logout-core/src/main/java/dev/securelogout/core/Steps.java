package dev.securelogout.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Runs the server-side steps of one operation so that a failing step never skips the next: each
 * failure is recorded by name, and reported in one log line at the end. Not thread-safe: one per
 * operation.
 */
final class Steps {

    private final Set<String> failed = new LinkedHashSet<>();
    private final List<RuntimeException> causes = new ArrayList<>();

    /** Runs {@code action}; on any exception records {@code step} and returns {@code fallback}. */
    <T> T run(String step, Supplier<T> action, T fallback) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            failed.add(step);
            causes.add(e);
            return fallback;
        }
    }

    /** Runs {@code action} as step {@code step}. */
    void run(String step, Runnable action) {
        run(step, () -> {
            action.run();
            return null;
        }, null);
    }

    /** The steps that failed, in order. */
    List<String> failed() {
        return List.copyOf(failed);
    }

    /** One ERROR line naming the failed steps and the first cause (the stack traces at DEBUG). */
    void report(Logger log, String operation) {
        if (causes.isEmpty()) {
            return;
        }
        RuntimeException first = causes.get(0);
        log.error("{} incomplete: failed steps {}; first cause {}", operation, failed, first.toString());
        if (log.isDebugEnabled()) {
            causes.forEach(cause -> log.debug("{} step failure", operation, cause));
        }
    }
}
