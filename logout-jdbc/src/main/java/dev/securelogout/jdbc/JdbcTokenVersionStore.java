package dev.securelogout.jdbc;

import static dev.securelogout.jdbc.JdbcSchema.instant;
import static dev.securelogout.jdbc.JdbcSchema.micros;

import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.core.token.TokenState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A {@link TokenVersionStore} in the token-state table of a {@link JdbcSchema}: one row per user
 * who ever logged out everywhere, advanced by one upsert per dialect.
 *
 * <p><b>Retention.</b> A user's state is kept for {@code tokenStateRetention} after its last
 * advance, then a {@link JdbcPurger} may remove it (the user is back at {@link
 * TokenState#INITIAL}); the retention must exceed the longest access-token lifetime, so that no
 * token the state refuses is still valid when it goes. The purger records the highest version it
 * removed, and a state created again starts above it: a version is never handed out twice, so a
 * token stamped with a purged version is refused by the next advance like any other.
 *
 * <p>Thread-safe; each call uses its own connection from the data source. Advances serialise on
 * one row (they are rare: one per logout everywhere); reads take no lock. Every SQL failure is a
 * {@link StoreException} with the cause; a user id longer than its column (or not well-formed
 * text) is an {@link IllegalArgumentException} before any SQL runs.
 */
public final class JdbcTokenVersionStore implements TokenVersionStore {

    /** How long a token state outlives its last advance unless configured. */
    public static final Duration DEFAULT_TOKEN_STATE_RETENTION = Duration.ofDays(7);

    private final JdbcSchema schema;
    private final Clock clock;
    private final long retention;
    // The statements, visible to the index-usage test of this package.
    final String lockFloor;
    final String upsert;
    final String select;

    /**
     * A store in the tables of {@link JdbcSchema#DEFAULT_TABLE_PREFIX} on {@code dataSource} with
     * the {@link #DEFAULT_TOKEN_STATE_RETENTION}. The tables must exist (see {@link
     * JdbcSchema#createIfMissing()}).
     *
     * @param dataSource the data source
     * @param clock the clock that tells the time
     * @throws StoreException when the database cannot be reached to detect its dialect
     */
    public JdbcTokenVersionStore(DataSource dataSource, Clock clock) {
        this(JdbcSchema.of(dataSource), clock, DEFAULT_TOKEN_STATE_RETENTION);
    }

    /**
     * A store in {@code schema}'s token-state table with the {@link #DEFAULT_TOKEN_STATE_RETENTION}.
     *
     * @param schema the JDBC schema (data source and table prefix)
     * @param clock the clock that tells the time
     */
    public JdbcTokenVersionStore(JdbcSchema schema, Clock clock) {
        this(schema, clock, DEFAULT_TOKEN_STATE_RETENTION);
    }

    /**
     * A store in {@code schema}'s token-state table.
     *
     * @param schema the JDBC schema (data source and table prefix)
     * @param clock               when an advance happens, for the retention
     * @param tokenStateRetention how long a user's state outlives its last advance: longer than
     *                            the longest access-token lifetime
     * @throws IllegalStateException when the tables are missing or older than {@link JdbcSchema#VERSION}
     */
    public JdbcTokenVersionStore(JdbcSchema schema, Clock clock, Duration tokenStateRetention) {
        this.schema = Objects.requireNonNull(schema, "schema");
        schema.requireCurrentVersion();
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tokenStateRetention, "tokenStateRetention");
        if (tokenStateRetention.isNegative() || tokenStateRetention.isZero()) {
            throw new IllegalArgumentException("tokenStateRetention must be positive");
        }
        this.retention = micros(tokenStateRetention);
        lockFloor = "SELECT version FROM " + schema.table("token_state_floor") + " WHERE id = 1 FOR UPDATE";
        upsert = schema.dialect().upsertTokenState(schema.table("token_state"));
        select = "SELECT version, not_before FROM " + schema.table("token_state") + " WHERE user_id = ?";
    }

    @Override
    public TokenState tokenState(String userId) {
        Columns.userId(userId);
        return schema.read("read a token state", connection -> state(connection, userId));
    }

    @Override
    public TokenState advance(String userId, Instant notBefore) {
        Columns.userId(userId);
        long at = micros(Objects.requireNonNull(notBefore, "notBefore"));
        long keepUntil = Math.max(at, micros(clock.instant())) + retention;
        return schema.inTransaction("advance a token state", connection -> {
            long floor;
            try (PreparedStatement statement = connection.prepareStatement(lockFloor);
                 ResultSet rows = statement.executeQuery()) {
                floor = rows.next() ? rows.getLong(1) : 0;
            }
            try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                statement.setString(1, userId);
                statement.setLong(2, floor + 1);
                statement.setLong(3, at);
                statement.setLong(4, keepUntil);
                statement.executeUpdate();
            }
            return state(connection, userId);
        });
    }

    private TokenState state(Connection connection, String userId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setString(1, userId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? new TokenState(rows.getLong("version"), instant(rows.getLong("not_before"))) : TokenState.INITIAL;
            }
        }
    }
}
