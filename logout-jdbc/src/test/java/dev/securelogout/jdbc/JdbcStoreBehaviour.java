package dev.securelogout.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.session.Registration;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.TokenKind;
import dev.securelogout.core.token.TokenState;
import dev.securelogout.tck.ContractKeys;
import dev.securelogout.tck.MutableClock;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * What the JDBC stores promise beyond the SPI contracts: no credential at rest, the session limit
 * held by logins racing on two nodes, identifiers refused before any SQL, and expired rows purged
 * in batches by any number of nodes at once. One small subclass per database.
 */
abstract class JdbcStoreBehaviour {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration IDLE = Duration.ofMinutes(30);

    @RegisterExtension
    final SchemaPerTest schemas;

    private final MutableClock clock = MutableClock.startingNow();
    private JdbcSchema schema;
    private JdbcSessionStore sessions;
    private JdbcPersistentTokenStore tokens;
    private JdbcAccessTokenDenylist denylist;
    private JdbcTokenVersionStore versions;

    JdbcStoreBehaviour(TestDatabase database) {
        this.schemas = new SchemaPerTest(database);
    }

    @BeforeEach
    void createStores() {
        schema = schemas.create();
        sessions = new JdbcSessionStore(schema, clock);
        tokens = new JdbcPersistentTokenStore(schema, clock);
        denylist = new JdbcAccessTokenDenylist(schema, clock);
        versions = new JdbcTokenVersionStore(schema, clock, Duration.ofHours(1));
    }

    private Session session(Credential id, String userId) {
        Instant now = clock.instant();
        return new Session(id.key(), "handle-" + UUID.randomUUID().toString().substring(0, 15), userId, now, now,
                now.plus(Duration.ofHours(12)), IDLE, Device.of("Mozilla/5.0 Firefox/128.0", "192.0.2.1"));
    }

    private Session newSession(String userId) {
        return session(ContractKeys.PARTITIONS.generate(userId, RANDOM), userId);
    }

    private PersistentToken token(Credential value, String userId, Duration ttl) {
        Instant now = clock.instant();
        return new PersistentToken(value.key(), TokenKind.REFRESH, UUID.randomUUID().toString().substring(0, 22), userId,
                now, now.plus(ttl), now.plus(ttl), now, Device.of("curl/8.5.0", "192.0.2.2"));
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
        Credential sessionId = ContractKeys.PARTITIONS.generate(user, RANDOM);
        Credential refresh = ContractKeys.PARTITIONS.generate(user, RANDOM);
        Credential successor = ContractKeys.PARTITIONS.generate(user, RANDOM);
        Session session = session(sessionId, user);
        sessions.register(session, SessionLimit.evictingBeyond(3));
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
    @DisplayName("the readable views show every stored instant as the timestamp it is")
    void viewsShowTimestamps() throws SQLException {
        Credential id = ContractKeys.PARTITIONS.generate("view", RANDOM);
        Session session = session(id, "view");
        sessions.register(session, SessionLimit.NONE);
        tokens.issue(token(ContractKeys.PARTITIONS.generate("view", RANDOM), "view", Duration.ofMinutes(5)));
        versions.advance("view", clock.instant());
        try (Connection connection = schemas.database().dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT s.created_at, s.expires_at, s.idle_timeout_seconds, t.expires_at,"
                     + " v.not_before FROM " + schema.table("session_readable") + " s, " + schema.table("token_readable") + " t, "
                     + schema.table("token_state_readable") + " v")) {
            assertTrue(rows.next());
            Instant created = session.createdAt().truncatedTo(ChronoUnit.MICROS);
            assertEquals(created, timestamp(rows, 1));
            assertEquals(session.expiresAt().truncatedTo(ChronoUnit.MICROS), timestamp(rows, 2));
            assertEquals(IDLE.toSeconds(), rows.getLong(3));
            assertEquals(created.plus(Duration.ofMinutes(5)), timestamp(rows, 4));
            assertEquals(created, timestamp(rows, 5));
            assertFalse(rows.next());
        }
    }

    /** A view's timestamp column as an instant: with its offset, or (MariaDB's DATETIME) in UTC. */
    private Instant timestamp(ResultSet rows, int column) throws SQLException {
        return schemas.database() == TestDatabase.MARIADB
                ? rows.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC)
                : rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    @Test
    @DisplayName("the key of an expired session or token that is not purged yet can be used again; a live one cannot")
    void expiredKeyIsReusable() {
        Credential id = ContractKeys.PARTITIONS.generate("carol", RANDOM);
        Session first = session(id, "carol");
        sessions.register(first, SessionLimit.NONE);
        PersistentToken token = token(id, "carol", Duration.ofMinutes(5));
        tokens.issue(token);
        assertThrows(IllegalStateException.class, () -> sessions.register(session(id, "carol"), SessionLimit.NONE));
        assertThrows(IllegalStateException.class, () -> sessions.register(session(id, "carol"), SessionLimit.evictingBeyond(1)));
        assertEquals(Optional.of(first), sessions.find(id.key()), "a refused registration evicted nothing");
        assertThrows(IllegalStateException.class, () -> tokens.issue(token(id, "carol", Duration.ofMinutes(5))));
        clock.advance(IDLE);
        Session second = session(id, "carol");
        assertTrue(sessions.register(second, SessionLimit.refusingBeyond(1)).accepted());
        PersistentToken again = token(id, "carol", Duration.ofMinutes(5));
        tokens.issue(again);
        assertEquals(Optional.of(second), sessions.find(id.key()));
        assertEquals(Optional.of(again), tokens.find(id.key()));
    }

    @Test
    @DisplayName("a purge removes exactly the expired rows of every table, in batches")
    void purgeRemovesExpiredRows() throws SQLException {
        Instant start = clock.instant();
        for (int i = 0; i < 7; i++) {
            sessions.register(newSession("u" + i), SessionLimit.evictingBeyond(5));
            tokens.issue(token(ContractKeys.PARTITIONS.generate("u" + i, RANDOM), "u" + i, Duration.ofMinutes(20)));
        }
        for (int i = 0; i < 4; i++) {
            denylist.deny(new AccessTokenId("iss", "old-" + i), start.plus(Duration.ofMinutes(30)));
            versions.advance("u" + i, start);
        }
        denylist.deny(new AccessTokenId("iss", "young"), start.plus(Duration.ofHours(2)));
        clock.advance(Duration.ofMinutes(10));
        Credential live = ContractKeys.PARTITIONS.generate("live", RANDOM);
        sessions.register(session(live, "live"), SessionLimit.NONE);
        sessions.register(newSession("live"), SessionLimit.NONE);
        tokens.issue(token(ContractKeys.PARTITIONS.generate("live", RANDOM), "live", Duration.ofHours(1)));
        versions.advance("u0", clock.instant());
        clock.advance(Duration.ofMinutes(25));
        assertEquals(7, rows("session_lock"));

        clock.advance(Duration.ofHours(12));
        sessions.register(session(live, "live"), SessionLimit.NONE);
        List<Session> reported = new CopyOnWriteArrayList<>();
        sessions.onExpiry(reported::add);
        JdbcPurger purger = new JdbcPurger(schema, clock, 3).reportingExpiriesTo(sessions);
        assertEquals(new JdbcPurger.Purged(8, 7, 8, 5, 4), purger.runOnce());
        assertEquals(8, reported.stream().map(Session::key).distinct().count(), "each purged session reported once");
        assertTrue(reported.stream().noneMatch(s -> s.key().equals(live.key())));
        assertEquals(1, rows("session"));
        assertEquals(0, rows("token"));
        assertEquals(0, rows("denylist"));
        assertEquals(0, rows("token_state"));
        assertTrue(sessions.find(live.key()).isPresent());
        assertEquals(new JdbcPurger.Purged(0, 0, 0, 0, 0), purger.runOnce());
    }

    @Test
    @DisplayName("a purge keeps what is still live, and a purged token state never hands out its version again")
    void purgeKeepsLiveRowsAndVersions() throws SQLException {
        JdbcTokenVersionStore shortLived = new JdbcTokenVersionStore(schema, clock, Duration.ofMinutes(20));
        Credential live = ContractKeys.PARTITIONS.generate("live", RANDOM);
        sessions.register(session(live, "live"), SessionLimit.evictingBeyond(2));
        tokens.issue(token(ContractKeys.PARTITIONS.generate("live", RANDOM), "live", Duration.ofHours(2)));
        denylist.deny(new AccessTokenId("iss", "young"), clock.instant().plus(Duration.ofHours(2)));
        for (int i = 0; i < 3; i++) {
            shortLived.advance("dana", clock.instant());
        }
        shortLived.advance("erin", clock.instant());
        clock.advance(Duration.ofMinutes(15));
        shortLived.advance("erin", clock.instant());
        clock.advance(Duration.ofMinutes(6));

        assertEquals(new JdbcPurger.Purged(0, 0, 0, 0, 1), new JdbcPurger(schema, clock).runOnce());
        assertTrue(sessions.find(live.key()).isPresent());
        assertEquals(1, tokens.findByUser("live").size());
        assertTrue(denylist.isDenied(new AccessTokenId("iss", "young")));
        assertEquals(1, rows("session_lock"));
        assertEquals(2, shortLived.tokenState("erin").version());
        assertEquals(TokenState.INITIAL, shortLived.tokenState("dana"), "purged after its retention");
        assertEquals(4, shortLived.advance("dana", clock.instant()).version(), "above every version handed out before");
        assertEquals(3, shortLived.advance("erin", clock.instant()).version());
    }

    @Test
    @DisplayName("purges running on many nodes at once remove every expired row once, and nothing live")
    void concurrentPurges() throws Exception {
        int expired = 300;
        try (Connection connection = schemas.database().dataSource().getConnection()) {
            Rows.sessions(connection, sessions, "gone", expired, clock.instant().minus(Duration.ofDays(2)));
            Rows.tokens(connection, tokens, "gone", expired, clock.instant().minus(Duration.ofDays(2)));
        }
        for (int i = 0; i < 40; i++) {
            versions.advance("gone-" + i, clock.instant());
        }
        Credential live = ContractKeys.PARTITIONS.generate("live", RANDOM);
        clock.advance(Duration.ofHours(2));
        sessions.register(session(live, "live"), SessionLimit.evictingBeyond(1));
        List<Callable<JdbcPurger.Purged>> nodes = new ArrayList<>();
        List<Session> reported = new CopyOnWriteArrayList<>();
        for (int node = 0; node < 4; node++) {
            JdbcSchema own = JdbcSchema.of(schemas.database().dataSource(), schema.tablePrefix());
            JdbcSessionStore store = new JdbcSessionStore(own, clock);
            store.onExpiry(reported::add);
            nodes.add(new JdbcPurger(own, clock, 25).reportingExpiriesTo(store)::runOnce);
        }
        List<JdbcPurger.Purged> results = race(nodes);
        assertEquals(expired, results.stream().mapToLong(JdbcPurger.Purged::sessions).sum());
        assertEquals(expired, reported.size(), "each purged session reported by the one node that purged it");
        assertEquals(expired, reported.stream().map(Session::key).distinct().count());
        assertEquals(expired, results.stream().mapToLong(JdbcPurger.Purged::tokens).sum());
        assertEquals(40, results.stream().mapToLong(JdbcPurger.Purged::tokenStates).sum());
        assertEquals(1, rows("session"));
        assertEquals(0, rows("token"));
        assertEquals(0, rows("token_state"));
        assertTrue(sessions.find(live.key()).isPresent());
        assertEquals(2, versions.advance("gone-0", clock.instant()).version(), "above the purged version 1");
    }

    @Test
    @DisplayName("logins racing on two nodes never leave a user above the limit, whichever policy")
    void sessionLimitHoldsAcrossNodes() throws Exception {
        JdbcSessionStore[] nodes = {
                new JdbcSessionStore(JdbcSchema.of(schemas.database().dataSource(), schema.tablePrefix()), clock),
                new JdbcSessionStore(JdbcSchema.of(schemas.database().dataSource(), schema.tablePrefix()), clock)};
        int maximum = 3;
        for (int round = 0; round < 6; round++) {
            String user = "racer-" + round;
            SessionLimit limit = round % 2 == 0 ? SessionLimit.evictingBeyond(maximum) : SessionLimit.refusingBeyond(maximum);
            List<Callable<List<Registration>>> logins = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                JdbcSessionStore node = nodes[t % 2];
                logins.add(() -> {
                    List<Registration> registrations = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        registrations.add(node.register(newSession(user), limit));
                    }
                    return registrations;
                });
            }
            List<Registration> registrations = race(logins).stream().flatMap(List::stream).toList();
            List<Session> left = sessions.findByUser(user);
            assertEquals(maximum, left.size(), "round " + round + " " + limit);
            long accepted = registrations.stream().filter(Registration::accepted).count();
            long evicted = registrations.stream().mapToLong(r -> r.evicted().size()).sum();
            assertEquals(maximum, accepted - evicted, "every session beyond the limit was evicted or refused, round " + round);
            if (limit.onExceed() == SessionLimit.OnExceed.REFUSE) {
                assertEquals(maximum, accepted);
            }
            for (Registration registration : registrations) {
                for (Session gone : registration.evicted()) {
                    assertEquals(Optional.empty(), sessions.find(gone.key()));
                }
            }
        }
    }

    @Test
    @DisplayName("identifiers the columns cannot hold are refused before any SQL runs; the longest that fit round-trip")
    void unholdableIdentifiersAreRefusedUpFront() {
        String longest = "\uD83D\uDE00".repeat(127) + "u";
        Session fits = newSession(longest);
        sessions.register(fits, SessionLimit.evictingBeyond(2));
        assertEquals(List.of(fits), sessions.findByUser(longest));
        versions.advance(longest, clock.instant());
        assertEquals(1, versions.tokenState(longest).version());

        schema.drop();
        for (String userId : List.of("u".repeat(256), "\uD83D\uDE00".repeat(128), "nul\0", "lone\uD800", "lone\uDC00x")) {
            Session session = newSession(userId);
            List<Executable> calls = List.of(
                    () -> sessions.register(session, SessionLimit.NONE),
                    () -> sessions.findByUser(userId),
                    () -> sessions.deleteAllOfUser(userId, Optional.empty()),
                    () -> sessions.deleteDevice(userId, "handle"),
                    () -> tokens.issue(token(ContractKeys.PARTITIONS.generate("u", RANDOM), userId, Duration.ofHours(1))),
                    () -> tokens.findByUser(userId),
                    () -> tokens.revokeAllOfUser(userId),
                    () -> tokens.revokeFamily(userId, "family"),
                    () -> versions.tokenState(userId),
                    () -> versions.advance(userId, clock.instant()));
            for (Executable call : calls) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
                assertFalse(e.getMessage().contains(userId), "the message does not echo the value");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> sessions.deleteDevice("u", "h".repeat(65)));
        assertThrows(IllegalArgumentException.class, () -> tokens.revokeFamily("u", "f".repeat(65)));
        assertThrows(IllegalArgumentException.class, () -> denylist.isDenied(new AccessTokenId("iss", "jti\0")));
        assertThrows(IllegalArgumentException.class, () -> sessions.deleteByProviderSession(new ProviderSession("iss\0", "sid")));
        assertThrows(StoreException.class, () -> sessions.findByUser("u"), "a holdable id reaches the (dropped) tables");
    }

    @Test
    @DisplayName("a scheduled purge runs on the application's executor until cancelled")
    void scheduledPurge() throws Exception {
        sessions.register(newSession("bob"), SessionLimit.NONE);
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

    /** Runs every task on its own thread at once; their results in task order. */
    private static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks, 2, TimeUnit.MINUTES)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
