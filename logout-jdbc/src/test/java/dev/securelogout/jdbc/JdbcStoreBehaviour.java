package dev.securelogout.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.TokenKind;
import dev.securelogout.tck.MutableClock;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the JDBC stores promise beyond the SPI contracts: no credential at rest, and expired rows
 * purged in batches. One small subclass per database.
 */
abstract class JdbcStoreBehaviour {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration IDLE = Duration.ofMinutes(30);

    @RegisterExtension
    final SchemaPerTest schemas;

    private final MutableClock clock = MutableClock.startingNow();
    private JdbcSchema schema;
    private JdbcSessionStore sessions;
    private JdbcTokenRevoker tokens;

    JdbcStoreBehaviour(TestDatabase database) {
        this.schemas = new SchemaPerTest(database);
    }

    @BeforeEach
    void createStores() {
        schema = schemas.create();
        sessions = new JdbcSessionStore(schema, clock);
        tokens = new JdbcTokenRevoker(schema, clock);
    }

    private Session session(Credential id, String userId) {
        Instant now = clock.instant();
        return new Session(id.key(), "handle-" + UUID.randomUUID().toString().substring(0, 15), userId, now, now,
                now.plus(Duration.ofHours(12)), IDLE, Device.of("Mozilla/5.0 Firefox/128.0", "192.0.2.1"));
    }

    private PersistentToken token(Credential value, String userId, Duration ttl) {
        Instant now = clock.instant();
        return new PersistentToken(value.key(), TokenKind.REFRESH, UUID.randomUUID().toString().substring(0, 22), userId,
                now, now.plus(ttl), now.plus(ttl));
    }

    /** Every cell of every row of a table, as text. */
    private List<String> cells(String table) throws SQLException {
        List<String> cells = new ArrayList<>();
        try (Connection connection = schemas.database().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + schema.table(table))) {
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    cells.add(String.valueOf(rows.getString(column)));
                }
            }
        }
        return cells;
    }

    private int rows(String table) throws SQLException {
        try (Connection connection = schemas.database().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + schema.table(table))) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Test
    @DisplayName("session ids and tokens are at rest only as digests: no table cell holds their text")
    void credentialsAreStoredAsDigestsOnly() throws SQLException {
        String user = "alice";
        Credential sessionId = Credential.generate(user, RANDOM);
        Credential refresh = Credential.generate(user, RANDOM);
        Credential successor = Credential.generate(user, RANDOM);
        Session session = session(sessionId, user);
        sessions.register(session);
        PersistentToken issued = token(refresh, user, Duration.ofDays(1));
        tokens.issue(issued);
        tokens.rotate(TokenKind.REFRESH, refresh.key(), successor.key(), clock.instant(), Duration.ofDays(1), Duration.ZERO);

        List<String> everything = new ArrayList<>(cells("session"));
        everything.addAll(cells("token"));
        for (Credential credential : List.of(sessionId, refresh, successor)) {
            String secret = credential.value().substring(Credential.PARTITION_LENGTH + 1);
            for (String cell : everything) {
                assertFalse(cell.contains(secret), "a table holds a raw secret");
            }
        }
        assertTrue(everything.contains(sessionId.key().digest()));
        assertTrue(everything.contains(refresh.key().digest()));
        assertEquals(Optional.of(session), sessions.find(sessionId.key()));
    }

    @Test
    @DisplayName("the key of an expired session or token that is not purged yet can be used again; a live one cannot")
    void expiredKeyIsReusable() {
        Credential id = Credential.generate("carol", RANDOM);
        Session first = session(id, "carol");
        sessions.register(first);
        PersistentToken token = token(id, "carol", Duration.ofMinutes(5));
        tokens.issue(token);
        assertThrows(IllegalStateException.class, () -> sessions.register(session(id, "carol")));
        assertThrows(IllegalStateException.class, () -> tokens.issue(token(id, "carol", Duration.ofMinutes(5))));
        clock.advance(IDLE);
        Session second = session(id, "carol");
        sessions.register(second);
        PersistentToken again = token(id, "carol", Duration.ofMinutes(5));
        tokens.issue(again);
        assertEquals(Optional.of(second), sessions.find(id.key()));
        assertEquals(Optional.of(again), tokens.find(id.key()));
    }

    @Test
    @DisplayName("a purge removes exactly the expired sessions, tokens and denylist entries, in batches")
    void purgeRemovesExpiredRows() throws SQLException {
        Instant start = clock.instant();
        for (int i = 0; i < 7; i++) {
            sessions.register(session(Credential.generate("u" + i, RANDOM), "u" + i));
            tokens.issue(token(Credential.generate("u" + i, RANDOM), "u" + i, Duration.ofMinutes(20)));
        }
        for (int i = 0; i < 4; i++) {
            tokens.deny(new AccessTokenId("iss", "old-" + i), start.plus(Duration.ofMinutes(30)));
        }
        tokens.deny(new AccessTokenId("iss", "young"), start.plus(Duration.ofHours(2)));
        clock.advance(Duration.ofMinutes(10));
        Credential live = Credential.generate("live", RANDOM);
        sessions.register(session(live, "live"));
        sessions.register(session(Credential.generate("live", RANDOM), "live"));
        tokens.issue(token(Credential.generate("live", RANDOM), "live", Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(25));

        JdbcPurger purger = new JdbcPurger(schema, clock, 3);
        assertEquals(new JdbcPurger.Purged(7, 7, 4), purger.runOnce());
        assertEquals(2, rows("session"));
        assertEquals(1, rows("token"));
        assertEquals(1, rows("denylist"));
        assertTrue(sessions.find(live.key()).isPresent());
        assertTrue(tokens.isDenied(new AccessTokenId("iss", "young")));
        assertEquals(new JdbcPurger.Purged(0, 0, 0), purger.runOnce());
    }

    @Test
    @DisplayName("a scheduled purge runs on the application's executor until cancelled")
    void scheduledPurge() throws Exception {
        sessions.register(session(Credential.generate("bob", RANDOM), "bob"));
        clock.advance(IDLE);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            ScheduledFuture<?> task = new JdbcPurger(schema, clock).schedule(executor, Duration.ofMillis(20));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (rows("session") > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            assertEquals(0, rows("session"));
            task.cancel(false);
        } finally {
            executor.shutdownNow();
        }
    }
}
