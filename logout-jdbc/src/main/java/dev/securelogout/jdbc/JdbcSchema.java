package dev.securelogout.jdbc;

import dev.securelogout.core.spi.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Where the JDBC stores keep their rows: a {@link DataSource}, the database's dialect (read from
 * its metadata) and the table prefix. Build one with {@link #of}, optionally {@link
 * #createIfMissing()} for the embedded case, then hand it to {@link JdbcSessionStore}, {@link
 * JdbcPersistentTokenStore}, {@link JdbcAccessTokenDenylist}, {@link JdbcTokenVersionStore} and
 * {@link JdbcPurger}. The tables are described by the scripts
 * {@code schema-postgresql.sql}, {@code schema-mariadb.sql} and {@code schema-h2.sql} in this
 * package, which an operator may run instead, and by the migrations {@code
 * db/migration/<dialect>/V<n>__*.sql} (Flyway) and {@code db/changelog.xml} (Liquibase) beside them.
 *
 * <p><b>Schema version.</b> The tables carry their version in {@code <prefix>schema_version}. Every
 * store checks it when it is built ({@link #requireCurrentVersion()}) and refuses to start on
 * missing tables or tables older than {@link #VERSION}, naming both versions.
 *
 * <p>The table prefix is the only text ever put into SQL that does not come from this module; it
 * must match {@value #PREFIX_PATTERN}, so nothing can be injected through it.
 *
 * <p>Thread-safe; it only remembers that the version check passed. Failures to reach the database
 * are {@link StoreException}s with the cause.
 */
public final class JdbcSchema {

    /** The prefix of every table name unless another is given. */
    public static final String DEFAULT_TABLE_PREFIX = "logout_";
    /** What a table prefix must match: lower-case letters, digits and underscores, 0 to 32 characters. */
    public static final String PREFIX_PATTERN = "([a-z][a-z0-9_]{0,31})?";
    /** The schema version these stores need: that of the newest migration shipped. */
    public static final int VERSION = 2;
    /** The longest user id the stores hold, in UTF-16 units; a longer one is refused up front. */
    public static final int MAX_USER_ID_LENGTH = Columns.USER_ID;

    private static final Pattern PREFIX = Pattern.compile(PREFIX_PATTERN);
    private static final String CHANGELOG = "dev/securelogout/jdbc/db/changelog.xml";
    private static final int MAX_ATTEMPTS = 6;
    /** No isolation level of its own: the connection's. */
    private static final int KEEP_ISOLATION = -1;
    /** Instants are stored as microseconds, kept below ±2^62 so that a sum of two never overflows. */
    private static final long MAX_MICROS = (1L << 62) - 1;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String prefix;
    private volatile boolean versionChecked;

    private JdbcSchema(DataSource dataSource, Dialect dialect, String prefix) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.prefix = prefix;
    }

    /**
     * The schema with tables named {@code tablePrefix + "session"} and so on, on the database
     * behind {@code dataSource}, whose dialect is detected now.
     *
     * @param dataSource the data source
     * @param tablePrefix the table prefix
     * @return the jdbc schema
     * @throws IllegalArgumentException when the prefix does not match {@value #PREFIX_PATTERN} or
     *                                  the database is neither PostgreSQL, MariaDB nor H2
     * @throws StoreException           when the database cannot be reached
     */
    public static JdbcSchema of(DataSource dataSource, String tablePrefix) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(tablePrefix, "tablePrefix");
        if (!PREFIX.matcher(tablePrefix).matches()) {
            throw new IllegalArgumentException("table prefix must match " + PREFIX_PATTERN);
        }
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new StoreException("cannot read the database metadata", e);
        }
        return new JdbcSchema(dataSource, Dialect.of(product), tablePrefix);
    }

    /**
     * {@link #of(DataSource, String)} with {@link #DEFAULT_TABLE_PREFIX}.
     *
     * @param dataSource the data source
     * @return the jdbc schema
     */
    public static JdbcSchema of(DataSource dataSource) {
        return of(dataSource, DEFAULT_TABLE_PREFIX);
    }

    /**
     * Creates the tables, indexes and views with this dialect's script when none exist yet; tables
     * at {@link #VERSION} or later are left as they are. Opt-in: meant for an embedded database or
     * a first start; production schemas are better managed with the migrations.
     *
     * @throws IllegalStateException when the tables exist at an older version (migrate them)
     * @throws StoreException        when a statement fails
     */
    public void createIfMissing() {
        int found = installedVersion();
        if (found > 0 && found < VERSION) {
            throw outdated(found);
        }
        if (found == 0) {
            runScript(dialect.schemaResource(), "create the tables");
        }
    }

    /**
     * Checks once that the tables are at {@link #VERSION} or later; later calls return at once.
     * Every store calls it when it is built.
     *
     * @throws IllegalStateException naming the version found and the version required, when the
     *                               tables are missing or older
     * @throws StoreException        when the database cannot be reached
     */
    public void requireCurrentVersion() {
        if (versionChecked) {
            return;
        }
        int found = installedVersion();
        if (found == 0) {
            throw new IllegalStateException("no secure-logout tables with prefix \"" + prefix + "\" (schema version "
                    + VERSION + " required): create them with " + dialect.schemaResource() + ", the Flyway migrations in "
                    + migrations() + ", the Liquibase changelog " + CHANGELOG + ", or JdbcSchema.createIfMissing()");
        }
        if (found < VERSION) {
            throw outdated(found);
        }
        versionChecked = true;
    }

    private IllegalStateException outdated(int found) {
        return new IllegalStateException("the secure-logout tables with prefix \"" + prefix + "\" are at schema version "
                + found + ", version " + VERSION + " required: apply the migrations after V" + found + " in " + migrations()
                + " (Flyway) or the Liquibase changelog " + CHANGELOG);
    }

    private String migrations() {
        return "dev/securelogout/jdbc/db/migration/" + dialect.resourceName();
    }

    /**
     * The version of the tables: the highest in the version table; 1 for tables of release 0.1,
     * which had none; 0 when there are no tables.
     */
    private int installedVersion() {
        Optional<Integer> recorded = read("read the schema version", connection -> ifTableExists(connection,
                "SELECT MAX(version) FROM " + table("schema_version")));
        if (recorded.isPresent()) {
            return recorded.get();
        }
        Optional<Integer> unversioned = read("read the schema version", connection -> ifTableExists(connection,
                "SELECT COUNT(*) FROM " + table("session") + " WHERE 1 = 0"));
        return unversioned.isEmpty() ? 0 : 1;
    }

    /** The first column of the one row {@code sql} yields, or empty when its table does not exist. */
    private Optional<Integer> ifTableExists(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return Optional.of(rows.getInt(1));
        } catch (SQLException e) {
            if (dialect.isMissingTable(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Drops the tables of this prefix and every row in them, with this dialect's drop script.
     *
     * @throws StoreException when a statement fails
     */
    public void drop() {
        versionChecked = false;
        runScript(dialect.dropResource(), "drop the tables");
    }

    /**
     * The table prefix.
     *
     * @return the table prefix
     */
    public String tablePrefix() {
        return prefix;
    }

    /**
     * The name of the database product this schema speaks to, e.g. "postgresql".
     *
     * @return the name of the database product this schema speaks to
     */
    public String dialectName() {
        return dialect.name().toLowerCase(Locale.ROOT);
    }

    Dialect dialect() {
        return dialect;
    }

    /** The full name of one table, e.g. {@code table("session")}. */
    String table(String name) {
        return prefix + name;
    }

    /** Runs a script of this package in one transaction, {@code ${prefix}} replaced by the prefix. */
    void runScript(String resource, String what) {
        List<String> statements = statements(resource).stream().map(sql -> sql.replace("${prefix}", prefix)).toList();
        inTransaction(what, connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            return statements.size();
        });
    }

    /** The statements of a script in this package: comments dropped, split at semicolons. */
    static List<String> statements(String resource) {
        String text;
        try (InputStream in = JdbcSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        StringBuilder code = new StringBuilder();
        text.lines().filter(line -> !line.strip().startsWith("--")).forEach(line -> code.append(line).append('\n'));
        List<String> statements = new ArrayList<>();
        for (String sql : code.toString().split(";")) {
            if (!sql.isBlank()) {
                statements.add(sql.strip());
            }
        }
        return statements;
    }

    /** Work done with one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction and commits it, or rolls it back on any failure. A
     * deadlock or serialization failure (SQLState class 40), or a duplicate key (an upsert that
     * lost a race to insert the same row, as H2's {@code MERGE} can), is retried a few times,
     * since every unit of work here is self-contained; any other SQL failure is a {@link
     * StoreException} saying {@code what} could not be done.
     */
    <T> T inTransaction(String what, Work<T> work) {
        return inTransaction(what, KEEP_ISOLATION, work);
    }

    /**
     * {@link #inTransaction(String, Work)} at the isolation level {@code isolation} (a {@link
     * Connection} constant), restored afterwards. Read committed serves work that serialises
     * itself with row locks: on MariaDB it takes no gap locks, which otherwise make concurrent
     * inserts of neighbouring keys deadlock.
     */
    <T> T inTransaction(String what, int isolation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(isolation, work);
            } catch (SQLException e) {
                boolean transientFailure = isDuplicateKey(e) || (e.getSQLState() != null && e.getSQLState().startsWith("40"));
                if (attempt == MAX_ATTEMPTS || !transientFailure) {
                    throw new StoreException("cannot " + what, e);
                }
                backOff(attempt);
            }
        }
    }

    /**
     * Waits a random few milliseconds, more after each attempt, so that transactions that just
     * deadlocked do not meet again in the same order.
     */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1L + (5L << attempt)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs a read on one connection as the data source hands it out, without a transaction of its
     * own; an SQL failure is a {@link StoreException} saying {@code what} could not be done.
     */
    <T> T read(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what, e);
        }
    }

    private <T> T once(int isolation, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int previousIsolation = isolation == KEEP_ISOLATION ? KEEP_ISOLATION : connection.getTransactionIsolation();
            if (isolation != KEEP_ISOLATION) {
                connection.setTransactionIsolation(isolation);
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
                if (isolation != KEEP_ISOLATION) {
                    connection.setTransactionIsolation(previousIsolation);
                }
            }
        }
    }

    /**
     * Inserts a row keyed by a credential digest with {@code insert}, which throws {@link
     * IllegalStateException} when the key is taken. A key taken by a row that has expired but is
     * not purged yet is freed ({@code deleteExpired}, parameters digest and now) and the insert
     * tried once more; a key taken by a live row stays an {@link IllegalStateException}. The
     * common case is a single {@code INSERT}: deleting first would take a gap lock on MariaDB that
     * makes concurrent inserts deadlock. Returns what {@code insert} returns.
     */
    <T> T insertFresh(String what, int isolation, String deleteExpired, String digest, long now, Work<T> insert) {
        try {
            return inTransaction(what, isolation, insert);
        } catch (IllegalStateException taken) {
            return inTransaction(what, isolation, connection -> {
                try (PreparedStatement statement = connection.prepareStatement(deleteExpired)) {
                    statement.setString(1, digest);
                    statement.setLong(2, now);
                    if (statement.executeUpdate() == 0) {
                        throw taken;
                    }
                }
                return insert.run(connection);
            });
        }
    }

    /** {@link #insertFresh(String, int, String, String, long, Work)} at the connection's own isolation. */
    <T> T insertFresh(String what, String deleteExpired, String digest, long now, Work<T> insert) {
        return insertFresh(what, KEEP_ISOLATION, deleteExpired, digest, now, insert);
    }

    /** Whether a failure is a unique-key violation (SQLState class 23 with a duplicate key). */
    static boolean isDuplicateKey(SQLException e) {
        String state = e.getSQLState();
        return "23505".equals(state) || ("23000".equals(state) && e.getErrorCode() == 1062);
    }

    /** An instant as stored: microseconds since the epoch, clamped below ±2^62. */
    static long micros(Instant instant) {
        return micros(instant.getEpochSecond(), instant.getNano());
    }

    /** A duration as stored: microseconds, clamped below ±2^62. */
    static long micros(Duration duration) {
        return micros(duration.getSeconds(), duration.getNano());
    }

    private static long micros(long seconds, int nanos) {
        if (seconds >= MAX_MICROS / 1_000_000) {
            return MAX_MICROS;
        }
        if (seconds <= -MAX_MICROS / 1_000_000) {
            return -MAX_MICROS;
        }
        return seconds * 1_000_000 + nanos / 1_000;
    }

    /** A stored instant. */
    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** A stored duration. */
    static Duration duration(long micros) {
        return Duration.of(micros, ChronoUnit.MICROS);
    }
}
