package dev.securelogout.jdbc;

import static dev.securelogout.jdbc.JdbcSchema.duration;
import static dev.securelogout.jdbc.JdbcSchema.instant;
import static dev.securelogout.jdbc.JdbcSchema.micros;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.session.Registration;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.spi.SessionExpiryListener;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * A {@link SessionStore} in the session tables of a {@link JdbcSchema}. The session id is kept
 * only as its digest, the primary key; every query is an index lookup (by digest, by user id and
 * expiry, or by provider issuer and session id).
 *
 * <p>Expiry is judged by this store's {@link Clock}: each row carries its {@code expires_at}, the
 * earlier of the absolute and the idle deadline, kept current by {@link #touch}; rows past it are
 * invisible and removed by a {@link JdbcPurger}, which reports the sessions it removes to this
 * store's {@link #onExpiry} listeners when it {@linkplain JdbcPurger#reportingExpiriesTo reports to it}.
 *
 * <p><b>Session limit.</b> A registration under a limit runs in one read-committed transaction
 * that first upserts and so locks the user's row in the {@code session_lock} table, then reads
 * the user's active sessions with {@code FOR UPDATE}, evicts the least recently active (or
 * refuses) and inserts. Two registrations of one user, on any connections or nodes, therefore
 * count one after the other; registrations of different users never wait for each other. A
 * registration without a limit is a single {@code INSERT}.
 *
 * <p>{@link #deleteAllOfUser} is a single {@code DELETE … WHERE user_id = ?}: on PostgreSQL it
 * sees every session committed before it started, on MariaDB (InnoDB, repeatable read) it locks
 * the user's index range, so no session registered before it survives. {@link #delete}, {@link
 * #deleteDevice} and {@link #deleteByProviderSession} are one {@code DELETE … RETURNING} each (on
 * H2 a select from the delete's old rows), so what was deleted is what is returned. {@link #touch}
 * and {@link #reauthenticate} are an {@code UPDATE} only and never bring a deleted session back.
 *
 * <p>Thread-safe; each call uses its own connection from the data source. Every SQL failure is a
 * {@link StoreException} with the cause; {@link #register} of a key that is in use is an
 * {@link IllegalStateException}; a user id, handle or provider session longer than its column
 * (or not well-formed text) is an {@link IllegalArgumentException} before any SQL runs.
 */
public final class JdbcSessionStore implements SessionStore {

    /** The columns of a session row, in the order {@link #session(ResultSet)} reads them. */
    static final String COLUMNS = "digest, key_partition, handle, user_id, created_at, last_active_at,"
            + " absolute_expiry, idle_timeout, expires_at, browser, os, ip, user_agent, authenticated_at, last_seen_ip,"
            + " provider_issuer, provider_sid";
    private static final Comparator<Session> LEAST_RECENTLY_ACTIVE =
            Comparator.comparing(Session::lastActiveAt).thenComparing(Session::handle);

    final JdbcSchema schema;
    private final Clock clock;
    private final List<SessionExpiryListener> expiryListeners = new CopyOnWriteArrayList<>();
    // The statements, visible to the index-usage test of this package.
    final String insert;
    final String deleteExpiredKey;
    final String selectByKey;
    final String selectByUser;
    final String lockUser;
    final String selectByUserForUpdate;
    final String evict;
    final String touch;
    final String reauthenticate;
    final String delete;
    final String deleteDevice;
    final String deleteOfUser;
    final String deleteOfUserExcept;
    final String deleteByProvider;

    /**
     * A store in the tables of {@link JdbcSchema#DEFAULT_TABLE_PREFIX} on {@code dataSource}, whose
     * expiry follows {@code clock}. The tables must exist (see {@link JdbcSchema#createIfMissing()}).
     *
     * @param dataSource the data source
     * @param clock the clock that tells the time
     * @throws StoreException when the database cannot be reached to detect its dialect
     */
    public JdbcSessionStore(DataSource dataSource, Clock clock) {
        this(JdbcSchema.of(dataSource), clock);
    }

    /**
     * A store in {@code schema}'s session tables whose expiry follows {@code clock}.
     *
     * @param schema the JDBC schema (data source and table prefix)
     * @param clock the clock that tells the time
     * @throws IllegalStateException when the tables are missing or older than {@link JdbcSchema#VERSION}
     */
    public JdbcSessionStore(JdbcSchema schema, Clock clock) {
        this.schema = Objects.requireNonNull(schema, "schema");
        schema.requireCurrentVersion();
        this.clock = Objects.requireNonNull(clock, "clock");
        Dialect dialect = schema.dialect();
        String table = schema.table("session");
        String byKey = "digest = ? AND key_partition = ? AND expires_at > ?";
        insert = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        deleteExpiredKey = "DELETE FROM " + table + " WHERE digest = ? AND expires_at <= ?";
        selectByKey = "SELECT " + COLUMNS + " FROM " + table + " WHERE " + byKey;
        selectByUser = "SELECT " + COLUMNS + " FROM " + table + " WHERE user_id = ? AND expires_at > ?";
        lockUser = dialect.upsertKeepingLater(schema.table("session_lock"), List.of("user_id VARCHAR(255)"));
        selectByUserForUpdate = selectByUser + " FOR UPDATE";
        evict = "DELETE FROM " + table + " WHERE digest = ?";
        // MariaDB assigns left to right with the new values: expires_at and last_seen_ip read the old last_active_at
        touch = "UPDATE " + table
                + " SET expires_at = LEAST(absolute_expiry, GREATEST(last_active_at, ?) + idle_timeout),"
                + " last_seen_ip = CASE WHEN last_active_at < ? THEN ? ELSE last_seen_ip END,"
                + " last_active_at = GREATEST(last_active_at, ?)"
                + " WHERE " + byKey;
        reauthenticate = "UPDATE " + table + " SET authenticated_at = GREATEST(authenticated_at, ?) WHERE " + byKey;
        delete = dialect.deleteReturning(table, COLUMNS, byKey);
        deleteDevice = dialect.deleteReturning(table, COLUMNS, "user_id = ? AND handle = ? AND expires_at > ?");
        deleteOfUser = "DELETE FROM " + table + " WHERE user_id = ? AND expires_at > ?";
        deleteOfUserExcept = deleteOfUser + " AND digest <> ?";
        deleteByProvider = dialect.deleteReturning(table, COLUMNS, "provider_issuer = ? AND provider_sid = ? AND expires_at > ?");
    }

    @Override
    public Registration register(Session session, SessionLimit limit) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(limit, "limit");
        Columns.userId(session.userId());
        Columns.fit("handle", session.handle(), Columns.HANDLE);
        session.provider().ifPresent(JdbcSessionStore::checkProvider);
        long now = micros(clock.instant());
        if (limit.maximum() == Integer.MAX_VALUE) {
            return schema.insertFresh("register a session", deleteExpiredKey, session.key().digest(), now, connection -> {
                insert(connection, session);
                return Registration.stored();
            });
        }
        return schema.insertFresh("register a session", Connection.TRANSACTION_READ_COMMITTED, deleteExpiredKey,
                session.key().digest(), now, connection -> registerWithin(connection, session, limit, now));
    }

    /** Locks the user, counts the active sessions, and evicts or refuses before inserting. */
    private Registration registerWithin(Connection connection, Session session, SessionLimit limit, long now) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(lockUser)) {
            statement.setString(1, session.userId());
            statement.setLong(2, micros(session.absoluteExpiry()));
            statement.executeUpdate();
        }
        List<Session> active = query(connection, selectByUserForUpdate, session.userId(), now);
        int excess = active.size() + 1 - limit.maximum();
        if (excess > 0 && limit.onExceed() == SessionLimit.OnExceed.REFUSE) {
            return Registration.refused();
        }
        insert(connection, session);
        if (excess <= 0) {
            return Registration.stored();
        }
        List<Session> evicted = active.stream().sorted(LEAST_RECENTLY_ACTIVE).limit(excess).toList();
        try (PreparedStatement statement = connection.prepareStatement(evict)) {
            for (Session doomed : evicted) {
                statement.setString(1, doomed.key().digest());
                statement.addBatch();
            }
            statement.executeBatch();
        }
        return new Registration(true, evicted);
    }

    private void insert(Connection connection, Session session) throws SQLException {
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
            statement.setLong(14, micros(session.authenticatedAt()));
            statement.setString(15, session.lastSeenIp());
            statement.setString(16, session.provider().map(ProviderSession::issuer).orElse(null));
            statement.setString(17, session.provider().map(ProviderSession::sessionId).orElse(null));
            statement.executeUpdate();
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
        return schema.read("find a session", connection -> first(query(connection, selectByKey, key, now)));
    }

    @Override
    public List<Session> findByUser(String userId) {
        Columns.userId(userId);
        long now = micros(clock.instant());
        return schema.read("list the sessions of a user", connection -> query(connection, selectByUser, userId, now));
    }

    @Override
    public boolean touch(CredentialKey key, Instant lastActiveAt, String ip) {
        Objects.requireNonNull(key, "key");
        long at = micros(Objects.requireNonNull(lastActiveAt, "lastActiveAt"));
        // kept exactly as a Device keeps an address: control characters out, capped
        String address = new Device("", "", ip, "").ip();
        return update("touch a session", touch, key, at, at, address, at);
    }

    @Override
    public boolean reauthenticate(CredentialKey key, Instant at) {
        Objects.requireNonNull(key, "key");
        return update("record a re-authentication", reauthenticate, key, micros(Objects.requireNonNull(at, "at")));
    }

    /** Runs an update of the active session under {@code key}, {@code values} first; true when it matched. */
    private boolean update(String what, String sql, CredentialKey key, Object... values) {
        long now = micros(clock.instant());
        return schema.inTransaction(what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = bind(statement, 1, values);
                bind(statement, index, key.digest(), key.partition(), now);
                return statement.executeUpdate() > 0;
            }
        });
    }

    @Override
    public Optional<Session> delete(CredentialKey key) {
        Objects.requireNonNull(key, "key");
        long now = micros(clock.instant());
        return schema.inTransaction("delete a session", connection -> first(query(connection, delete, key, now)));
    }

    @Override
    public List<Session> deleteDevice(String userId, String handle) {
        Columns.userId(userId);
        Columns.fit("handle", handle, Columns.HANDLE);
        long now = micros(clock.instant());
        return schema.inTransaction("delete the sessions of a device", connection -> query(connection, deleteDevice, userId, handle, now));
    }

    @Override
    public int deleteAllOfUser(String userId, Optional<CredentialKey> keep) {
        Columns.userId(userId);
        Objects.requireNonNull(keep, "keep");
        long now = micros(clock.instant());
        return schema.inTransaction("delete the sessions of a user", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(keep.isPresent() ? deleteOfUserExcept : deleteOfUser)) {
                bind(statement, 1, userId, now);
                if (keep.isPresent()) {
                    statement.setString(3, keep.get().digest());
                }
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public List<Session> deleteByProviderSession(ProviderSession providerSession) {
        checkProvider(Objects.requireNonNull(providerSession, "providerSession"));
        long now = micros(clock.instant());
        return schema.inTransaction("delete the sessions of a provider session",
                connection -> query(connection, deleteByProvider, providerSession.issuer(), providerSession.sessionId(), now));
    }

    /**
     * {@inheritDoc}
     *
     * <p>This store observes an expiry when a {@link JdbcPurger} that {@linkplain
     * JdbcPurger#reportingExpiriesTo reports to it} deletes the expired row: each session is
     * reported by the one purge that deleted it, whichever node runs it, after its batch commits.
     * Rows nobody purges are never reported.
     */
    @Override
    public void onExpiry(SessionExpiryListener listener) {
        expiryListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Reports {@code purged}, sessions a purge deleted past their deadline, to the expiry listeners. */
    void expired(List<Session> purged) {
        purged.forEach(session -> SessionExpiryListener.report(expiryListeners, session));
    }

    private static void checkProvider(ProviderSession provider) {
        Columns.fit("provider issuer", provider.issuer(), Columns.PROVIDER);
        Columns.fit("provider session id", provider.sessionId(), Columns.PROVIDER);
    }

    /** The sessions a query (or a delete that returns its rows) yields for {@code parameters}. */
    static List<Session> query(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, 1, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                List<Session> sessions = new ArrayList<>();
                while (rows.next()) {
                    sessions.add(session(rows));
                }
                return sessions;
            }
        }
    }

    /**
     * Sets {@code values} from parameter {@code index} on: text, microseconds, or a {@link
     * CredentialKey} as its digest and partition. Returns the next free index.
     */
    static int bind(PreparedStatement statement, int index, Object... values) throws SQLException {
        for (Object value : values) {
            if (value instanceof CredentialKey key) {
                statement.setString(index++, key.digest());
                statement.setString(index++, key.partition());
            } else if (value instanceof Long micros) {
                statement.setLong(index++, micros);
            } else {
                statement.setString(index++, (String) value);
            }
        }
        return index;
    }

    private static Optional<Session> first(List<Session> sessions) {
        return sessions.isEmpty() ? Optional.empty() : Optional.of(sessions.get(0));
    }

    /** The session in the current row of {@code row}, whose columns are {@link #COLUMNS}. */
    static Session session(ResultSet row) throws SQLException {
        String issuer = row.getString("provider_issuer");
        Optional<ProviderSession> provider = issuer == null ? Optional.empty()
                : Optional.of(new ProviderSession(issuer, row.getString("provider_sid")));
        return new Session(new CredentialKey(row.getString("key_partition"), row.getString("digest")),
                row.getString("handle"), row.getString("user_id"),
                instant(row.getLong("created_at")), instant(row.getLong("last_active_at")),
                instant(row.getLong("absolute_expiry")), duration(row.getLong("idle_timeout")),
                new Device(row.getString("browser"), row.getString("os"), row.getString("ip"), row.getString("user_agent")),
                instant(row.getLong("authenticated_at")), row.getString("last_seen_ip"), provider);
    }
}
