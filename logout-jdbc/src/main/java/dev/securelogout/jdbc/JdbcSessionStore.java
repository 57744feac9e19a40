package dev.securelogout.jdbc;

import static dev.securelogout.jdbc.JdbcSchema.duration;
import static dev.securelogout.jdbc.JdbcSchema.instant;
import static dev.securelogout.jdbc.JdbcSchema.micros;

import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.spi.SessionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link SessionStore} in one table of a {@link JdbcSchema}. The session id is kept only as its
 * digest, the primary key; every query is an index lookup (by digest, or by user id and expiry).
 *
 * <p>Expiry is judged by this store's {@link Clock}: each row carries its {@code expires_at}, the
 * earlier of the absolute and the idle deadline, kept current by {@link #touch}; rows past it are
 * invisible and removed by a {@link JdbcPurger}.
 *
 * <p>{@link #deleteAllOfUser} is a single {@code DELETE … WHERE user_id = ?}: on PostgreSQL it
 * sees every session committed before it started, on MariaDB (InnoDB, repeatable read) it locks
 * the user's index range, so no session registered before it survives. {@link #touch} is an
 * {@code UPDATE} only and never brings a deleted session back.
 *
 * <p>Thread-safe; each call uses its own connection from the data source. Every SQL failure is a
 * {@link StoreException} with the cause; {@link #register} of a key that is in use is an
 * {@link IllegalStateException}.
 */
public final class JdbcSessionStore implements SessionStore {

    private static final String COLUMNS = "digest, key_partition, handle, user_id, created_at, last_active_at,"
            + " absolute_expiry, idle_timeout, expires_at, browser, os, ip, user_agent";

    private final JdbcSchema schema;
    private final Clock clock;
    // The statements, visible to the index-usage test of this package.
    final String insert;
    final String deleteExpiredKey;
    final String selectByKey;
    final String selectByUser;
    final String touch;
    final String delete;
    final String deleteOfUser;
    final String deleteOfUserExcept;

    /**
     * A store in the tables of {@link JdbcSchema#DEFAULT_TABLE_PREFIX} on {@code dataSource}, whose
     * expiry follows {@code clock}. The tables must exist (see {@link JdbcSchema#createIfMissing()}).
     *
     * @throws StoreException when the database cannot be reached to detect its dialect
     */
    public JdbcSessionStore(DataSource dataSource, Clock clock) {
        this(JdbcSchema.of(dataSource), clock);
    }

    /** A store in {@code schema}'s session table whose expiry follows {@code clock}. */
    public JdbcSessionStore(JdbcSchema schema, Clock clock) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.clock = Objects.requireNonNull(clock, "clock");
        String table = schema.table("session");
        insert = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        deleteExpiredKey = "DELETE FROM " + table + " WHERE digest = ? AND expires_at <= ?";
        selectByKey = "SELECT " + COLUMNS + " FROM " + table + " WHERE digest = ? AND key_partition = ? AND expires_at > ?";
        selectByUser = "SELECT " + COLUMNS + " FROM " + table + " WHERE user_id = ? AND expires_at > ?";
        touch = "UPDATE " + table
                + " SET expires_at = LEAST(absolute_expiry, GREATEST(last_active_at, ?) + idle_timeout),"
                + " last_active_at = GREATEST(last_active_at, ?)"
                + " WHERE digest = ? AND key_partition = ? AND expires_at > ?";
        delete = "DELETE FROM " + table + " WHERE digest = ? AND key_partition = ? AND expires_at > ?";
        deleteOfUser = "DELETE FROM " + table + " WHERE user_id = ? AND expires_at > ?";
        deleteOfUserExcept = deleteOfUser + " AND digest <> ?";
    }

    @Override
    public void register(Session session) {
        Objects.requireNonNull(session, "session");
        schema.insertFresh("register a session", deleteExpiredKey, session.key().digest(), micros(clock.instant()),
                connection -> insert(connection, session));
    }

    private Void insert(Connection connection, Session session) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, session.key().digest());
            statement.setString(2, session.key().partition());
            statement.setString(3, session.handle());
            statement.setString(4, session.userId());
            statement.setLong(5, micros(session.createdAt()));
            statement.setLong(6, micros(session.lastActiveAt()));
            statement.setLong(7, micros(session.absoluteExpiry()));
            statement.setLong(8, micros(session.idleTimeout()));
            statement.setLong(9, micros(session.expiresAt()));
            statement.setString(10, session.device().browser());
            statement.setString(11, session.device().os());
            statement.setString(12, session.device().ip());
            statement.setString(13, session.device().userAgent());
            statement.executeUpdate();
            return null;
        } catch (SQLException e) {
            if (JdbcSchema.isDuplicateKey(e)) {
                throw new IllegalStateException("a session with this key exists", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<Session> find(CredentialKey key) {
        Objects.requireNonNull(key, "key");
        long now = micros(clock.instant());
        return schema.read("find a session", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(selectByKey)) {
                statement.setString(1, key.digest());
                statement.setString(2, key.partition());
                statement.setLong(3, now);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(session(rows)) : Optional.<Session>empty();
                }
            }
        });
    }

    @Override
    public List<Session> findByUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        long now = micros(clock.instant());
        return schema.read("list the sessions of a user", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(selectByUser)) {
                statement.setString(1, userId);
                statement.setLong(2, now);
                try (ResultSet rows = statement.executeQuery()) {
                    List<Session> sessions = new ArrayList<>();
                    while (rows.next()) {
                        sessions.add(session(rows));
                    }
                    return sessions;
                }
            }
        });
    }

    @Override
    public boolean touch(CredentialKey key, Instant lastActiveAt) {
        Objects.requireNonNull(key, "key");
        long at = micros(Objects.requireNonNull(lastActiveAt, "lastActiveAt"));
        long now = micros(clock.instant());
        return schema.inTransaction("touch a session", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(touch)) {
                statement.setLong(1, at);
                statement.setLong(2, at);
                statement.setString(3, key.digest());
                statement.setString(4, key.partition());
                statement.setLong(5, now);
                return statement.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean delete(CredentialKey key) {
        Objects.requireNonNull(key, "key");
        long now = micros(clock.instant());
        return schema.inTransaction("delete a session", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(delete)) {
                statement.setString(1, key.digest());
                statement.setString(2, key.partition());
                statement.setLong(3, now);
                return statement.executeUpdate() > 0;
            }
        });
    }

    @Override
    public int deleteAllOfUser(String userId, Optional<CredentialKey> keep) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(keep, "keep");
        long now = micros(clock.instant());
        return schema.inTransaction("delete the sessions of a user", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(keep.isPresent() ? deleteOfUserExcept : deleteOfUser)) {
                statement.setString(1, userId);
                statement.setLong(2, now);
                if (keep.isPresent()) {
                    statement.setString(3, keep.get().digest());
                }
                return statement.executeUpdate();
            }
        });
    }

    private static Session session(ResultSet row) throws SQLException {
        return new Session(new CredentialKey(row.getString("key_partition"), row.getString("digest")),
                row.getString("handle"), row.getString("user_id"),
                instant(row.getLong("created_at")), instant(row.getLong("last_active_at")),
                instant(row.getLong("absolute_expiry")), duration(row.getLong("idle_timeout")),
                new Device(row.getString("browser"), row.getString("os"), row.getString("ip"), row.getString("user_agent")));
    }
}
