package dev.securelogout.jdbc;

import static dev.securelogout.jdbc.JdbcSchema.instant;
import static dev.securelogout.jdbc.JdbcSchema.micros;

import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.Rotation;
import dev.securelogout.core.token.TokenKind;
import dev.securelogout.core.token.TokenRevoker;
import dev.securelogout.core.token.TokenState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link TokenRevoker} in three tables of a {@link JdbcSchema}: tokens (refresh and remember-me,
 * kept only as the digest of their value), the access-token denylist keyed by (issuer, jti), and
 * the per-user token state.
 *
 * <p><b>Rotation</b> is decided by one conditional update, {@code SET spent_at = ? WHERE digest = ?
 * AND spent_at IS NULL}: of two concurrent rotations the row lock lets exactly one change the row.
 * Reuse of a spent token deletes its family in the same transaction. Revoked tokens are deleted,
 * so nothing can bring them back; spent tokens stay until their own expiry for reuse detection.
 * The token state advances with one upsert per dialect; a denylist entry with one upsert that
 * keeps the later expiry.
 *
 * <p>Expiry is judged by this revoker's {@link Clock} (for {@link #rotate}, by the instant given);
 * expired rows are invisible and removed by a {@link JdbcPurger}.
 *
 * <p>Thread-safe; each call uses its own connection from the data source. Every SQL failure is a
 * {@link StoreException} with the cause; {@link #issue} of a key that is in use is an
 * {@link IllegalStateException}.
 */
public final class JdbcTokenRevoker implements TokenRevoker {

    private static final String COLUMNS = "digest, key_partition, kind, family_id, user_id, issued_at, expires_at,"
            + " family_expires_at, spent_at";

    private final JdbcSchema schema;
    private final Clock clock;
    // The statements, visible to the index-usage test of this package.
    final String insert;
    final String deleteExpiredKey;
    final String selectActive;
    final String selectForUpdate;
    final String spend;
    final String deleteActiveOfFamily;
    final String deleteFamily;
    final String deleteActiveOfUser;
    final String deleteOfUser;
    final String upsertDenylist;
    final String selectDenied;
    final String upsertState;
    final String selectState;

    /**
     * A revoker in the tables of {@link JdbcSchema#DEFAULT_TABLE_PREFIX} on {@code dataSource}, whose
     * expiry follows {@code clock}. The tables must exist (see {@link JdbcSchema#createIfMissing()}).
     *
     * @throws StoreException when the database cannot be reached to detect its dialect
     */
    public JdbcTokenRevoker(DataSource dataSource, Clock clock) {
        this(JdbcSchema.of(dataSource), clock);
    }

    /** A revoker in {@code schema}'s tables whose expiry follows {@code clock}. */
    public JdbcTokenRevoker(JdbcSchema schema, Clock clock) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.clock = Objects.requireNonNull(clock, "clock");
        String tokens = schema.table("token");
        String active = " AND spent_at IS NULL AND expires_at > ?";
        insert = "INSERT INTO " + tokens + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)";
        deleteExpiredKey = "DELETE FROM " + tokens + " WHERE digest = ? AND expires_at <= ?";
        selectActive = "SELECT " + COLUMNS + " FROM " + tokens + " WHERE digest = ? AND key_partition = ?" + active;
        selectForUpdate = "SELECT " + COLUMNS + " FROM " + tokens + " WHERE digest = ? AND key_partition = ? FOR UPDATE";
        spend = "UPDATE " + tokens + " SET spent_at = ? WHERE digest = ? AND key_partition = ? AND kind = ?" + active;
        deleteActiveOfFamily = "DELETE FROM " + tokens + " WHERE family_id = ? AND user_id = ?" + active;
        deleteFamily = "DELETE FROM " + tokens + " WHERE family_id = ? AND user_id = ?";
        deleteActiveOfUser = "DELETE FROM " + tokens + " WHERE user_id = ?" + active;
        deleteOfUser = "DELETE FROM " + tokens + " WHERE user_id = ?";
        upsertDenylist = schema.dialect().upsertDenylist(schema.table("denylist"));
        selectDenied = "SELECT 1 FROM " + schema.table("denylist") + " WHERE issuer = ? AND jti = ? AND expires_at > ?";
        upsertState = schema.dialect().upsertTokenState(schema.table("token_state"));
        selectState = "SELECT version, not_before FROM " + schema.table("token_state") + " WHERE user_id = ?";
    }

    @Override
    public void issue(PersistentToken token) {
        Objects.requireNonNull(token, "token");
        schema.insertFresh("issue a token", deleteExpiredKey, token.key().digest(), micros(clock.instant()),
                connection -> {
                    insert(connection, token);
                    return null;
                });
    }

    private void insert(Connection connection, PersistentToken token) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, token.key().digest());
            statement.setString(2, token.key().partition());
            statement.setString(3, token.kind().name());
            statement.setString(4, token.familyId());
            statement.setString(5, token.userId());
            statement.setLong(6, micros(token.issuedAt()));
            statement.setLong(7, micros(token.expiresAt()));
            statement.setLong(8, micros(token.familyExpiresAt()));
            statement.executeUpdate();
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
    public Rotation rotate(TokenKind kind, CredentialKey presented, CredentialKey successor, Instant now,
                           Duration timeToLive, Duration grace) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(presented, "presented");
        Objects.requireNonNull(successor, "successor");
        Objects.requireNonNull(timeToLive, "timeToLive");
        Objects.requireNonNull(grace, "grace");
        long at = micros(Objects.requireNonNull(now, "now"));
        return schema.inTransaction("rotate a token", connection -> {
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
                Instant end = now.plus(timeToLive);
                PersistentToken next = new PersistentToken(successor, kind, token.familyId(), token.userId(), now,
                        end.isBefore(token.familyExpiresAt()) ? end : token.familyExpiresAt(), token.familyExpiresAt());
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
    public int revokeFamilyOf(CredentialKey key) {
        Objects.requireNonNull(key, "key");
        long now = micros(clock.instant());
        return schema.inTransaction("revoke a token family", connection -> {
            Optional<Row> row = lockRow(connection, key);
            return row.isEmpty() ? 0 : deleteFamily(connection, row.get().token().userId(), row.get().token().familyId(), now);
        });
    }

    @Override
    public int revokeFamily(String userId, String familyId) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(familyId, "familyId");
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
        Objects.requireNonNull(userId, "userId");
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

    @Override
    public void deny(AccessTokenId id, Instant expiresAt) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(clock.instant())) {
            return;
        }
        schema.inTransaction("deny an access token", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(upsertDenylist)) {
                statement.setString(1, id.issuer());
                statement.setString(2, id.jti());
                statement.setLong(3, micros(expiresAt));
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public boolean isDenied(AccessTokenId id) {
        Objects.requireNonNull(id, "id");
        long now = micros(clock.instant());
        return schema.read("check the denylist", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(selectDenied)) {
                statement.setString(1, id.issuer());
                statement.setString(2, id.jti());
                statement.setLong(3, now);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    @Override
    public TokenState tokenState(String userId) {
        Objects.requireNonNull(userId, "userId");
        return schema.read("read a token state", connection -> state(connection, userId));
    }

    @Override
    public TokenState advanceTokenState(String userId, Instant notBefore) {
        Objects.requireNonNull(userId, "userId");
        long at = micros(Objects.requireNonNull(notBefore, "notBefore"));
        return schema.inTransaction("advance a token state", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(upsertState)) {
                statement.setString(1, userId);
                statement.setLong(2, at);
                statement.executeUpdate();
            }
            return state(connection, userId);
        });
    }

    private TokenState state(Connection connection, String userId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(selectState)) {
            statement.setString(1, userId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? new TokenState(rows.getLong("version"), instant(rows.getLong("not_before"))) : TokenState.INITIAL;
            }
        }
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
                instant(row.getLong("family_expires_at")));
    }
}
