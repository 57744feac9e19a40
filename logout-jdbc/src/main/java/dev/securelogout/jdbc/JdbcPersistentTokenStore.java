package dev.securelogout.jdbc;

import static dev.securelogout.jdbc.JdbcSchema.instant;
import static dev.securelogout.jdbc.JdbcSchema.micros;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.Rotation;
import dev.securelogout.core.token.TokenKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link PersistentTokenStore} in the token table of a {@link JdbcSchema}: refresh and
 * remember-me tokens, kept only as the digest of their value, each row with its family, user,
 * lifetimes and the device the family was issued to.
 *
 * <p><b>Rotation</b> is decided by one conditional update, {@code SET spent_at = ? WHERE digest = ?
 * AND spent_at IS NULL}: of two concurrent rotations the row lock lets exactly one change the row.
 * Reuse of a spent token deletes its family in the same transaction. Revoked tokens are deleted,
 * so nothing can bring them back; spent tokens stay until their own expiry for reuse detection.
 *
 * <p>Expiry is judged by this store's {@link Clock} (for {@link #rotate}, by the instant given);
 * expired rows are invisible and removed by a {@link JdbcPurger}.
 *
 * <p>Thread-safe; each call uses its own connection from the data source. Every SQL failure is a
 * {@link StoreException} with the cause; {@link #issue} of a key that is in use is an
 * {@link IllegalStateException}; a user id or family id longer than its column (or not
 * well-formed text) is an {@link IllegalArgumentException} before any SQL runs.
 */
public final class JdbcPersistentTokenStore implements PersistentTokenStore {

    private static final String COLUMNS = "digest, key_partition, kind, family_id, user_id, issued_at, expires_at,"
            + " family_expires_at, family_issued_at, browser, os, ip, user_agent, spent_at";

    private final JdbcSchema schema;
    private final Clock clock;
    // The statements, visible to the index-usage test of this package.
    final String insert;
    final String deleteExpiredKey;
    final String selectActive;
    final String selectActiveOfUser;
    final String selectForUpdate;
    final String spend;
    final String deleteActiveOfFamily;
    final String deleteFamily;
    final String deleteActiveOfUser;
    final String deleteOfUser;

    /**
     * A store in the tables of {@link JdbcSchema#DEFAULT_TABLE_PREFIX} on {@code dataSource}, whose
     * expiry follows {@code clock}. The tables must exist (see {@link JdbcSchema#createIfMissing()}).
     *
     * @param dataSource the data source
     * @param clock the clock that tells the time
     * @throws StoreException when the database cannot be reached to detect its dialect
     */
    public JdbcPersistentTokenStore(DataSource dataSource, Clock clock) {
        this(JdbcSchema.of(dataSource), clock);
    }

    /**
     * A store in {@code schema}'s token table whose expiry follows {@code clock}.
     *
     * @param schema the JDBC schema (data source and table prefix)
     * @param clock the clock that tells the time
     * @throws IllegalStateException when the tables are missing or older than {@link JdbcSchema#VERSION}
     */
    public JdbcPersistentTokenStore(JdbcSchema schema, Clock clock) {
        this.schema = Objects.requireNonNull(schema, "schema");
        schema.requireCurrentVersion();
        this.clock = Objects.requireNonNull(clock, "clock");
        String tokens = schema.table("token");
        String active = " AND spent_at IS NULL AND expires_at > ?";
        insert = "INSERT INTO " + tokens + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)";
        deleteExpiredKey = "DELETE FROM " + tokens + " WHERE digest = ? AND expires_at <= ?";
        selectActive = "SELECT " + COLUMNS + " FROM " + tokens + " WHERE digest = ? AND key_partition = ?" + active;
        selectActiveOfUser = "SELECT " + COLUMNS + " FROM " + tokens + " WHERE user_id = ?" + active;
        selectForUpdate = "SELECT " + COLUMNS + " FROM " + tokens + " WHERE digest = ? AND key_partition = ? FOR UPDATE";
        spend = "UPDATE " + tokens + " SET spent_at = ? WHERE digest = ? AND key_partition = ? AND kind = ?" + active;
        deleteActiveOfFamily = "DELETE FROM " + tokens + " WHERE family_id = ? AND user_id = ?" + active;
        deleteFamily = "DELETE FROM " + tokens + " WHERE family_id = ? AND user_id = ?";
        deleteActiveOfUser = "DELETE FROM " + tokens + " WHERE user_id = ?" + active;
        deleteOfUser = "DELETE FROM " + tokens + " WHERE user_id = ?";
    }

    @Override
    public void issue(PersistentToken token) {
        Objects.requireNonNull(token, "token");
        Columns.userId(token.userId());
        Columns.fit("family id", token.familyId(), Columns.FAMILY_ID);
        schema.insertFresh("issue a token", deleteExpiredKey, token.key().digest(), micros(clock.instant()),
                connection -> insert(connection, token));
    }

    /** Inserts {@code token}; returns the rows inserted (one). */
    private int insert(Connection connection, PersistentToken token) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, token.key().digest());
            statement.setString(2, token.key().partition());
            statement.setString(3, token.kind().name());
            statement.setString(4, token.familyId());
            statement.setString(5, token.userId());
            statement.setLong(6, micros(token.issuedAt()));
            statement.setLong(7, micros(token.expiresAt()));
            statement.setLong(8, micros(token.familyExpiresAt()));
            statement.setLong(9, micros(token.familyIssuedAt()));
            statement.setString(10, token.device().browser());
            statement.setString(11, token.device().os());
            statement.setString(12, token.device().ip());
            statement.setString(13, token.device().userAgent());
            return statement.executeUpdate();
        } catch (SQLException e) {
            if (JdbcSchema.isDuplicateKey(e)) {
                throw new IllegalStateException("a token with this key exists", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<PersistentToken> find(CredentialKey key) {
        Objects.requireNonNull(key, "key");
        long now = micros(clock.instant());
        return schema.read("find a token", connection -> activeAt(connection, key, now));
    }

    @Override
    public List<PersistentToken> findByUser(String userId) {
        Columns.userId(userId);
        long now = micros(clock.instant());
        return schema.read("list the tokens of a user", connection -> {
            Map<String, PersistentToken> newestOfFamily = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(selectActiveOfUser)) {
                statement.setString(1, userId);
                statement.setLong(2, now);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        PersistentToken token = token(rows);
                        newestOfFamily.merge(token.familyId(), token,
                                (one, other) -> other.issuedAt().isAfter(one.issuedAt()) ? other : one);
                    }
                }
            }
            return new ArrayList<>(newestOfFamily.values());
        });
    }

    @Override
    public Rotation rotate(TokenKind kind, CredentialKey presented, CredentialKey successor, Instant now,
                           Duration timeToLive, Duration grace) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(presented, "presented");
        Objects.requireNonNull(successor, "successor");
        Objects.requireNonNull(timeToLive, "timeToLive");
        Objects.requireNonNull(grace, "grace");
        long at = micros(Objects.requireNonNull(now, "now"));
        return schema.inTransaction("rotate a token", Connection.TRANSACTION_READ_COMMITTED, connection -> {
            int spent;
            try (PreparedStatement statement = connection.prepareStatement(spend)) {
                statement.setLong(1, at);
                statement.setString(2, presented.digest());
                statement.setString(3, presented.partition());
                statement.setString(4, kind.name());
                statement.setLong(5, at);
                spent = statement.executeUpdate();
            }
            Optional<Row> row = lockRow(connection, presented);
            if (row.isEmpty()) {
                return Rotation.rejected();
            }
            PersistentToken token = row.get().token();
            if (spent == 1) {
                PersistentToken next = token.successor(successor, now, timeToLive);
                insert(connection, next);
                return Rotation.of(Rotation.Status.ROTATED, next);
            }
            if (token.kind() != kind || !token.isUnexpiredAt(now) || row.get().spentAt().isEmpty()) {
                return Rotation.rejected();
            }
            if (grace.compareTo(Duration.ZERO) > 0 && now.isBefore(row.get().spentAt().get().plus(grace))) {
                Optional<PersistentToken> next = activeAt(connection, successor, at)
                        .filter(candidate -> candidate.familyId().equals(token.familyId()));
                if (next.isPresent()) {
                    return Rotation.of(Rotation.Status.REPLAYED_IN_GRACE, next.get());
                }
            }
            deleteFamily(connection, token.userId(), token.familyId(), at);
            return Rotation.of(Rotation.Status.REUSE_DETECTED, token);
        });
    }

    @Override
    public Optional<PersistentToken> revokeFamilyOf(CredentialKey key) {
        Objects.requireNonNull(key, "key");
        Instant instant = clock.instant();
        long now = micros(instant);
        return schema.inTransaction("revoke a token family", Connection.TRANSACTION_READ_COMMITTED, connection -> {
            Optional<PersistentToken> token = lockRow(connection, key).map(Row::token);
            if (token.isEmpty()) {
                return token;
            }
            deleteFamily(connection, token.get().userId(), token.get().familyId(), now);
            return token.filter(known -> instant.isBefore(known.familyExpiresAt()));
        });
    }

    @Override
    public int revokeFamily(String userId, String familyId) {
        Columns.userId(userId);
        Columns.fit("family id", familyId, Columns.FAMILY_ID);
        long now = micros(clock.instant());
        return schema.inTransaction("revoke a token family", connection -> deleteFamily(connection, userId, familyId, now));
    }

    /** Deletes every generation of a user's family; returns how many were active at {@code now}. */
    private int deleteFamily(Connection connection, String userId, String familyId, long now) throws SQLException {
        int active;
        try (PreparedStatement statement = connection.prepareStatement(deleteActiveOfFamily)) {
            statement.setString(1, familyId);
            statement.setString(2, userId);
            statement.setLong(3, now);
            active = statement.executeUpdate();
        }
        try (PreparedStatement statement = connection.prepareStatement(deleteFamily)) {
            statement.setString(1, familyId);
            statement.setString(2, userId);
            statement.executeUpdate();
        }
        return active;
    }

    @Override
    public int revokeAllOfUser(String userId) {
        Columns.userId(userId);
        long now = micros(clock.instant());
        return schema.inTransaction("revoke the tokens of a user", connection -> {
            int active;
            try (PreparedStatement statement = connection.prepareStatement(deleteActiveOfUser)) {
                statement.setString(1, userId);
                statement.setLong(2, now);
                active = statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement(deleteOfUser)) {
                statement.setString(1, userId);
                statement.executeUpdate();
            }
            return active;
        });
    }

    /** A token row with its spent instant. */
    private record Row(PersistentToken token, Optional<Instant> spentAt) {
    }

    /** The row under {@code key}, whatever its state, locked until the transaction ends. */
    private Optional<Row> lockRow(Connection connection, CredentialKey key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(selectForUpdate)) {
            statement.setString(1, key.digest());
            statement.setString(2, key.partition());
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long spentAt = rows.getLong("spent_at");
                return Optional.of(new Row(token(rows), rows.wasNull() ? Optional.empty() : Optional.of(instant(spentAt))));
            }
        }
    }

    private Optional<PersistentToken> activeAt(Connection connection, CredentialKey key, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(selectActive)) {
            statement.setString(1, key.digest());
            statement.setString(2, key.partition());
            statement.setLong(3, now);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(token(rows)) : Optional.empty();
            }
        }
    }

    private static PersistentToken token(ResultSet row) throws SQLException {
        return new PersistentToken(new CredentialKey(row.getString("key_partition"), row.getString("digest")),
                TokenKind.valueOf(row.getString("kind")), row.getString("family_id"), row.getString("user_id"),
                instant(row.getLong("issued_at")), instant(row.getLong("expires_at")),
                instant(row.getLong("family_expires_at")), instant(row.getLong("family_issued_at")),
                new Device(row.getString("browser"), row.getString("os"), row.getString("ip"), row.getString("user_agent")));
    }
}
