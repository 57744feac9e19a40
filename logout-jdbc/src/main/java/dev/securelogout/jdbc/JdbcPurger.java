package dev.securelogout.jdbc;

import static dev.securelogout.jdbc.JdbcSchema.micros;

import dev.securelogout.core.session.Session;
import dev.securelogout.core.spi.StoreException;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes expired rows from every table of a {@link JdbcSchema}, judged by its {@link Clock}:
 * sessions, the per-user session locks, tokens, denylist entries and token states past their
 * retention. The stores never show expired rows; this keeps the tables from growing.
 *
 * <p>Each table is purged in batches of at most {@code batchSize} rows, each batch its own short
 * transaction through the expiry index, so a purge never holds many locks for long and never
 * blocks logins or logouts for more than one batch. A row whose expiry moved forward while the
 * batch was chosen (a session lock taken again, a token state advanced) is kept. Token states
 * are purged after raising the schema's version floor to the highest version removed, in the
 * same transaction, so a state created again never reuses a version.
 *
 * <p>Safe when every node runs it: concurrent purges delete disjoint rows or wait for each other
 * row by row; a batch that loses rows to another purge simply comes back short. Run it by hand
 * with {@link #runOnce()}, or periodically on an executor the application owns with {@link
 * #schedule}; nothing runs unless asked. A purger {@linkplain #reportingExpiriesTo reporting to}
 * a session store tells its expiry listeners of each session it deletes, so that the engine audits
 * it as expired.
 *
 * <p>Thread-safe. {@link #runOnce()} throws {@link StoreException}; a scheduled run logs the
 * failure and tries again at the next period.
 */
public final class JdbcPurger {

    /** Rows deleted per statement unless another size is given. */
    public static final int DEFAULT_BATCH_SIZE = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcPurger.class);

    /** Rows removed by one run, per table. */
    public record Purged(long sessions, long sessionLocks, long tokens, long denylist, long tokenStates) {

        /**
         * Rows removed in all.
         *
         * @return the total
         */
        public long total() {
            return sessions + sessionLocks + tokens + denylist + tokenStates;
        }
    }

    private final JdbcSchema schema;
    private final Clock clock;
    private final int batchSize;
    private final Optional<JdbcSessionStore> reportTo;
    // The statements, visible to the index-usage test of this package.
    final String sessions;
    final String sessionLocks;
    final String tokens;
    final String denylist;
    final String tokenStates;
    final String raiseFloor;

    /**
     * A purger of {@code schema}'s tables by {@code clock}, deleting at most {@code batchSize} rows
     * per statement.
     *
     * @param schema the JDBC schema (data source and table prefix)
     * @param clock the clock that tells the time
     * @param batchSize the batch size
     * @throws IllegalStateException when the tables are missing or older than {@link JdbcSchema#VERSION}
     */
    public JdbcPurger(JdbcSchema schema, Clock clock, int batchSize) {
        this(schema, clock, batchSize, Optional.empty());
    }

    private JdbcPurger(JdbcSchema schema, Clock clock, int batchSize, Optional<JdbcSessionStore> reportTo) {
        this.schema = Objects.requireNonNull(schema, "schema");
        schema.requireCurrentVersion();
        this.clock = Objects.requireNonNull(clock, "clock");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.batchSize = batchSize;
        this.reportTo = reportTo;
        Dialect dialect = schema.dialect();
        sessions = reportTo.isPresent()
                ? dialect.purgeBatchReturning(schema.table("session"), "digest", JdbcSessionStore.COLUMNS)
                : dialect.purgeBatch(schema.table("session"), "digest");
        sessionLocks = dialect.purgeBatch(schema.table("session_lock"), "user_id");
        tokens = dialect.purgeBatch(schema.table("token"), "digest");
        denylist = dialect.purgeBatch(schema.table("denylist"), "issuer, jti");
        tokenStates = dialect.purgeBatch(schema.table("token_state"), "user_id");
        raiseFloor = "UPDATE " + schema.table("token_state_floor") + " SET version = GREATEST(version,"
                + " COALESCE((SELECT MAX(version) FROM " + schema.table("token_state") + " WHERE expires_at <= ?), 0))"
                + " WHERE id = 1";
    }

    /**
     * A purger with {@link #DEFAULT_BATCH_SIZE}.
     *
     * @param schema the JDBC schema (data source and table prefix)
     * @param clock the clock that tells the time
     */
    public JdbcPurger(JdbcSchema schema, Clock clock) {
        this(schema, clock, DEFAULT_BATCH_SIZE);
    }

    /**
     * This purger, reporting each session it deletes to {@code sessions}' {@linkplain
     * JdbcSessionStore#onExpiry expiry listeners} (an engine built on that store audits it as
     * {@code EXPIRED}), after the batch that deleted it commits. Each session is deleted, and so
     * reported, by one purge only, whichever node runs it.
     *
     * @param sessions the session store over this purger's tables
     * @return a purger that reports to {@code sessions}
     * @throws IllegalArgumentException when {@code sessions} keeps its sessions in other tables
     */
    public JdbcPurger reportingExpiriesTo(JdbcSessionStore sessions) {
        if (!sessions.schema.table("session").equals(schema.table("session"))) {
            throw new IllegalArgumentException("the session store keeps its sessions in other tables than this purger's");
        }
        return new JdbcPurger(schema, clock, batchSize, Optional.of(sessions));
    }

    /**
     * Deletes every row expired now, table by table and batch by batch, until a batch comes back
     * short.
     *
     * @return how many rows each table lost
     * @throws StoreException when a batch fails; the batches before it stay deleted
     */
    public Purged runOnce() {
        long now = micros(clock.instant());
        return new Purged(purgeSessions(now), purge(sessionLocks, null, now), purge(tokens, null, now),
                purge(denylist, null, now), purge(tokenStates, raiseFloor, now));
    }

    /** Purges the sessions table; when reporting, batch by batch, each batch's sessions reported after it commits. */
    private long purgeSessions(long now) {
        if (reportTo.isEmpty()) {
            return purge(sessions, null, now);
        }
        Object[] parameters = batchParameters(now);
        long total = 0;
        List<Session> purged;
        do {
            purged = schema.inTransaction("purge expired sessions",
                    connection -> JdbcSessionStore.query(connection, sessions, parameters));
            reportTo.get().expired(purged);
            total += purged.size();
        } while (purged.size() >= batchSize);
        return total;
    }

    /** A purge statement's parameters: the cut-off, the batch size, and the cut-off again where the dialect's statement takes it twice. */
    private Object[] batchParameters(long now) {
        return schema.dialect().purgeParameters() == 3 ? new Object[] {now, (long) batchSize, now} : new Object[] {now, (long) batchSize};
    }

    /** Runs {@code sql} batch by batch, each after {@code first} (when given) in its transaction. */
    private long purge(String sql, @Nullable String first, long now) {
        Object[] parameters = batchParameters(now);
        long total = 0;
        int deleted;
        do {
            deleted = schema.inTransaction("purge expired rows", connection -> {
                if (first != null) {
                    try (PreparedStatement statement = connection.prepareStatement(first)) {
                        statement.setLong(1, now);
                        statement.executeUpdate();
                    }
                }
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    JdbcSessionStore.bind(statement, 1, parameters);
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
     *
     * @param executor the executor
     * @param period the period
     * @return the scheduled future
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
