package dev.securelogout.jdbc;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.tck.ContractKeys;
import dev.securelogout.tck.MutableClock;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every hot statement of the stores is an index lookup: its plan on PostgreSQL and MariaDB names
 * the expected index and never scans a whole table. On PostgreSQL the session sets
 * {@code enable_seqscan = off}, so that a small test table cannot make a sequential scan look
 * cheaper: what is asserted is that an index exists that serves the statement.
 */
class IndexUsageIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    @RegisterExtension
    final SchemaPerTest schemas = new SchemaPerTest(TestDatabase.POSTGRESQL);
    @RegisterExtension
    final SchemaPerTest mariaSchemas = new SchemaPerTest(TestDatabase.MARIADB);

    /** One statement to explain, its parameters, and the index it must use. */
    private record Hot(String name, String sql, List<Object> parameters, String index) {
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRESQL", "MARIADB"})
    @DisplayName("every hot statement uses its index")
    void hotStatementsUseIndexes(TestDatabase database) throws SQLException {
        JdbcSchema schema = (database == TestDatabase.POSTGRESQL ? schemas : mariaSchemas).create();
        MutableClock clock = MutableClock.startingNow();
        JdbcSessionStore sessions = new JdbcSessionStore(schema, clock);
        JdbcPersistentTokenStore tokens = new JdbcPersistentTokenStore(schema, clock);
        JdbcAccessTokenDenylist denylist = new JdbcAccessTokenDenylist(schema, clock);
        JdbcTokenVersionStore versions = new JdbcTokenVersionStore(schema, clock);
        JdbcPurger purger = new JdbcPurger(schema, clock);
        CredentialKey session;
        CredentialKey token = null;
        try (Connection connection = database.dataSource().getConnection()) {
            session = Rows.sessions(connection, sessions, "user-0", 20, clock.instant()).get(0);
            for (int u = 1; u < 100; u++) {
                Rows.sessions(connection, sessions, "user-" + u, 20, clock.instant());
                token = Rows.tokens(connection, tokens, "user-" + u, 5, clock.instant()).get(0);
                versions.advance("user-" + u, clock.instant());
            }
            for (int i = 0; i < 200; i++) {
                denylist.deny(new AccessTokenId("iss", "jti-" + i), clock.instant().plus(Duration.ofHours(1)));
                Instant now = clock.instant();
                sessions.register(new Session(ContractKeys.PARTITIONS.generate("sso-" + i, RANDOM).key(), "handle-" + i, "sso-" + i, now, now,
                        now.plusSeconds(3600), Duration.ofMinutes(30), Device.unknown(), now, "", Optional.of(
                                new ProviderSession("https://idp.example", "sid-" + i))), SessionLimit.evictingBeyond(3));
            }
            try (Statement statement = connection.createStatement()) {
                for (String table : List.of("session", "session_lock", "token", "denylist", "token_state")) {
                    statement.execute((database == TestDatabase.POSTGRESQL ? "ANALYZE " : "ANALYZE TABLE ") + schema.table(table));
                }
            }
        }
        long now = JdbcSchema.micros(clock.instant());
        String pk = database == TestDatabase.POSTGRESQL ? "_pkey" : "PRIMARY";
        List<Object> purge = database == TestDatabase.POSTGRESQL ? List.of(now, 1000, now) : List.of(now, 1000);
        List<Object> sessionKey = List.of(session.digest(), session.partition(), now);
        List<Hot> hot = List.of(
                new Hot("session by key", sessions.selectByKey, sessionKey, pk),
                new Hot("sessions of a user", sessions.selectByUser, List.of("user-7", now), "session_user_idx"),
                new Hot("sessions of a user, locked for a limited login", sessions.selectByUserForUpdate, List.of("user-7", now),
                        "session_user_idx"),
                new Hot("evict a session", sessions.evict, List.of(session.digest()), pk),
                new Hot("touch", sessions.touch, List.of(now, now, "192.0.2.1", now, session.digest(), session.partition(), now), pk),
                new Hot("re-authenticate", sessions.reauthenticate, List.of(now, session.digest(), session.partition(), now), pk),
                new Hot("delete one session, returning it", sessions.delete, sessionKey, pk),
                new Hot("delete a device", sessions.deleteDevice, List.of("user-7", "handle", now), "session_user_idx"),
                new Hot("logout everywhere", sessions.deleteOfUser, List.of("user-7", now), "session_user_idx"),
                new Hot("logout everywhere else", sessions.deleteOfUserExcept, List.of("user-7", now, session.digest()), "session_user_idx"),
                new Hot("back-channel logout", sessions.deleteByProvider, List.of("https://idp.example", "sid-7", now),
                        "session_provider_idx"),
                new Hot("token by key", tokens.selectActive, List.of(token.digest(), token.partition(), now), pk),
                new Hot("tokens of a user", tokens.selectActiveOfUser, List.of("user-7", now), "token_user_idx"),
                new Hot("spend a token", tokens.spend, List.of(now, token.digest(), token.partition(), "REFRESH", now), pk),
                new Hot("revoke a family", tokens.deleteFamily, List.of("family", "user-7"), "token_family_idx"),
                new Hot("revoke a user's tokens", tokens.deleteActiveOfUser, List.of("user-7", now), "token_user_idx"),
                new Hot("denylist check", denylist.selectDenied, List.of("iss", "jti-7", now), pk),
                new Hot("token state", versions.select, List.of("user-7"), pk),
                new Hot("purge sessions", purger.sessions, purge, "session_expiry_idx"),
                new Hot("purge session locks", purger.sessionLocks, purge, "session_lock_expiry_idx"),
                new Hot("purge tokens", purger.tokens, purge, "token_expiry_idx"),
                new Hot("purge denylist", purger.denylist, purge, "denylist_expiry_idx"),
                new Hot("purge token states", purger.tokenStates, purge, "token_state_expiry_idx"),
                new Hot("highest purged token state", purger.raiseFloor, List.of(now), "token_state_expiry_idx"));
        try (Connection connection = database.dataSource().getConnection()) {
            if (database == TestDatabase.POSTGRESQL) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET enable_seqscan = off");
                }
            }
            List<Executable> checks = new ArrayList<>();
            for (Hot statement : hot) {
                String plan = explain(connection, statement);
                checks.add(() -> assertTrue(plan.contains(statement.index()), statement.name() + " should use " + statement.index() + ":\n" + plan));
                checks.add(() -> assertFalse(plan.contains("Seq Scan") || plan.contains("type=ALL"),
                        statement.name() + " scans a whole table:\n" + plan));
            }
            assertAll(database + " plans", checks);
        }
    }

    /** The plan as text: PostgreSQL's lines, or MariaDB's rows as {@code column=value} pairs. */
    private static String explain(Connection connection, Hot hot) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN " + hot.sql())) {
            for (int i = 0; i < hot.parameters().size(); i++) {
                statement.setObject(i + 1, hot.parameters().get(i));
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = statement.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int c = 1; c <= columns; c++) {
                        String label = rows.getMetaData().getColumnLabel(c).toLowerCase(Locale.ROOT);
                        plan.append(columns == 1 ? "" : label + "=").append(rows.getString(c)).append(columns == 1 ? "" : " ");
                    }
                    plan.append('\n');
                }
            }
            return plan.toString();
        }
    }
}
