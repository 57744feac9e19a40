package dev.securelogout.jdbc;

import static dev.securelogout.jdbc.JdbcSchema.micros;

import dev.securelogout.core.spi.StoreException;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes expired sessions, tokens and denylist entries of a {@link JdbcSchema}, judged by its
 * {@link Clock}. The stores never show expired rows; this keeps the tables from growing.
 *
 * <p>Each table is purged in batches of at most {@code batchSize} rows, each batch its own short
 * transaction through the expiry index, so a purge never holds many locks for long and never
 * blocks logins or logouts for more than one batch. Run it by hand with {@link #runOnce()}, or
 * periodically on an executor the application owns with {@link #schedule}; nothing runs unless
 * asked.
 *
 * <p>Thread-safe. {@link #runOnce()} throws {@link StoreException}; a scheduled run logs the
 * failure and tries again at the next period.
 */
public final class JdbcPurger {

    /** Rows deleted per statement unless another size is given. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcPurger.class);

    /** Rows removed by one run, per table. */
    public record Purged(long sessions, long tokens, long denylist) {

        /** Rows removed in all. */
        public long total() {
            return sessions + tokens + denylist;
        }
    }

    private final JdbcSchema schema;
    private final Clock clock;
    private final int batchSize;
    // The statements, visible to the index-usage test of this package.
    final String sessions;
    final String tokens;
    final String denylist;

    /** A purger of {@code schema}'s tables by {@code clock}, deleting at most {@code batchSize} rows per statement. */
    public JdbcPurger(JdbcSchema schema, Clock clock, int batchSize) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.batchSize = batchSize;
        Dialect dialect = schema.dialect();
        sessions = dialect.purgeBatch(schema.table("session"), "digest");
        tokens = dialect.purgeBatch(schema.table("token"), "digest");
        denylist = dialect.purgeBatch(schema.table("denylist"), "issuer, jti");
    }

    /** A purger with {@link #DEFAULT_BATCH_SIZE}. */
    public JdbcPurger(JdbcSchema schema, Clock clock) {
        this(schema, clock, DEFAULT_BATCH_SIZE);
    }

    /**
     * Deletes every row expired now, batch by batch, until a batch comes back short.
     *
     * @throws StoreException when a batch fails; the batches before it stay deleted
     */
    public Purged runOnce() {
        long now = micros(clock.instant());
        return new Purged(purge(sessions, now), purge(tokens, now), purge(denylist, now));
    }

    private long purge(String sql, long now) {
        long total = 0;
        int deleted;
        do {
            deleted = schema.inTransaction("purge expired rows", connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setLong(1, now);
                    statement.setInt(2, batchSize);
                    return statement.executeUpdate();
                }
            });
            total += deleted;
        } while (deleted >= batchSize);
        return total;
    }

    /**
     * Runs {@link #runOnce()} every {@code period} on {@code executor}, first after one period. A
     * failed run is logged and does not stop the next ones. Cancel the returned future (or shut
     * the executor down) to stop.
     */
    public ScheduledFuture<?> schedule(ScheduledExecutorService executor, Duration period) {
        Objects.requireNonNull(executor, "executor");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive");
        }
        long millis = period.toMillis();
        return executor.scheduleWithFixedDelay(() -> {
            try {
                Purged purged = runOnce();
                LOG.debug("purged {} expired rows", purged.total());
            } catch (StoreException e) {
                LOG.warn("purging expired rows failed, will retry", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }
}
