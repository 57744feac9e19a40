package dev.securelogout.spring.boot.autoconfigure;

import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.jdbc.JdbcPurger;
import dev.securelogout.jdbc.JdbcSchema;
import dev.securelogout.jdbc.JdbcSessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * The JDBC tables' purge of expired rows, on one daemon thread of its own, every {@code
 * securelogout.jdbc.purge-interval}: it keeps the tables from growing without end, and reports each
 * expired session to the store's expiry listeners when the session store is the library's (the
 * engine audits it as {@code EXPIRED}). An interval of zero purges nothing, for an application
 * that purges otherwise. Closed with the context.
 */
final class JdbcPurging implements AutoCloseable {

    private final @Nullable ScheduledExecutorService executor;

    JdbcPurging(JdbcSchema schema, SessionStore sessions, Clock clock, Duration interval) {
        if (interval.isZero()) {
            executor = null;
            return;
        }
        JdbcPurger purger = new JdbcPurger(schema, clock);
        if (sessions instanceof JdbcSessionStore jdbc) {
            purger = purger.reportingExpiriesTo(jdbc);
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "securelogout-jdbc-purge");
            thread.setDaemon(true);
            return thread;
        });
        purger.schedule(executor, interval);
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
