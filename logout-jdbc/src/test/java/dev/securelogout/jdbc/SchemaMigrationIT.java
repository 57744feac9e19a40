package dev.securelogout.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.TokenKind;
import dev.securelogout.core.token.TokenState;
import dev.securelogout.tck.ContractKeys;
import dev.securelogout.tck.MutableClock;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped migrations, run by the real tools: Flyway and Liquibase each bring an empty
 * database to the schema the stores accept (the same tables, columns, indexes and views as the
 * plain script), and tables of release 0.1 (version 1) with rows in them are refused by the
 * stores, with both versions named, until the tools upgrade them the way the README says, rows
 * intact.
 */
class SchemaMigrationIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A migration tool, run the way a user would. */
    enum Tool {
        FLYWAY {
            @Override
            void migrate(DataSource dataSource, JdbcSchema schema, int installed) {
                Flyway.configure()
                        .dataSource(dataSource)
                        .locations("classpath:dev/securelogout/jdbc/db/migration/" + schema.dialect().resourceName())
                        .placeholders(Map.of("prefix", schema.tablePrefix()))
                        .table(schema.tablePrefix() + "flyway_history")
                        // the database holds other tables: start the history at the version the tables are at
                        .baselineOnMigrate(true)
                        .baselineVersion(String.valueOf(installed))
                        .load()
                        .migrate();
            }
        },
        LIQUIBASE {
            @Override
            void migrate(DataSource dataSource, JdbcSchema schema, int installed) throws Exception {
                try (Connection connection = dataSource.getConnection()) {
                    Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
                    database.setDatabaseChangeLogTableName(schema.tablePrefix() + "changelog");
                    database.setDatabaseChangeLogLockTableName(schema.tablePrefix() + "changelog_lock");
                    Liquibase liquibase = new Liquibase("dev/securelogout/jdbc/db/changelog.xml", new ClassLoaderResourceAccessor(), database);
                    liquibase.setChangeLogParameter("prefix", schema.tablePrefix());
                    for (int version = 0; version < installed; version++) {
                        liquibase.markNextChangeSetRan(new Contexts(), new LabelExpression());
                    }
                    liquibase.update(new Contexts(), new LabelExpression());
                }
            }
        };

        /** Migrates {@code schema}'s tables, which are at version {@code installed} (0: none), to the newest version. */
        abstract void migrate(DataSource dataSource, JdbcSchema schema, int installed) throws Exception;
    }

    private final List<Runnable> cleanups = new ArrayList<>();

    static List<Arguments> toolsAndDatabases() {
        List<Arguments> cases = new ArrayList<>();
        for (Tool tool : Tool.values()) {
            for (TestDatabase database : TestDatabase.values()) {
                cases.add(Arguments.of(tool, database));
            }
        }
        return cases;
    }

    @AfterEach
    void dropEverything() {
        cleanups.forEach(Runnable::run);
    }

    /** A schema under a fresh prefix with no tables yet, dropped (with the tool's tables) after the test. */
    private JdbcSchema emptySchema(TestDatabase database) {
        JdbcSchema schema = JdbcSchema.of(database.dataSource(), "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_");
        cleanups.add(() -> {
            schema.drop();
            try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                for (String table : List.of("flyway_history", "changelog", "changelog_lock")) {
                    statement.execute("DROP TABLE IF EXISTS " + schema.table(table));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop the migration tools' tables", e);
            }
        });
        return schema;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("toolsAndDatabases")
    @DisplayName("the tool migrates an empty database to the schema of the plain script, which the stores accept")
    void migratesEmptyDatabase(Tool tool, TestDatabase database) throws Exception {
        JdbcSchema migrated = emptySchema(database);
        tool.migrate(database.dataSource(), migrated, 0);
        JdbcSchema scripted = emptySchema(database);
        scripted.createIfMissing();
        var expected = Catalog.of(database.dataSource(), scripted.tablePrefix());
        assertEquals(expected, Catalog.of(database.dataSource(), migrated.tablePrefix()));
        for (String object : List.of("session.provider_sid", "token.family_issued_at", "token_state.expires_at", "session_lock",
                "schema_version", "session_readable.expires_at", "index session:session_provider_idx")) {
            assertTrue(expected.containsKey(object), object + " in " + expected.keySet());
        }

        MutableClock clock = MutableClock.startingNow();
        JdbcSessionStore sessions = new JdbcSessionStore(migrated, clock);
        Session session = newSession("alice", clock.instant())
                .withProvider(new ProviderSession("https://idp.example", "sid-1"));
        assertTrue(sessions.register(session, SessionLimit.evictingBeyond(2)).accepted());
        assertEquals(Optional.of(session), sessions.find(session.key()));
        JdbcPersistentTokenStore tokens = new JdbcPersistentTokenStore(migrated, clock);
        PersistentToken token = new PersistentToken(key("alice"), TokenKind.REFRESH, "family-1", "alice", clock.instant(),
                clock.instant().plusSeconds(60), clock.instant().plusSeconds(60), clock.instant(), Device.of("curl/8.5.0", "192.0.2.3"));
        tokens.issue(token);
        assertEquals(List.of(token), tokens.findByUser("alice"));
        new JdbcAccessTokenDenylist(migrated, clock).deny(new AccessTokenId("iss", "jti"), clock.instant().plusSeconds(60));
        assertEquals(1, new JdbcTokenVersionStore(migrated, clock).advance("alice", clock.instant()).version());
        clock.advance(Duration.ofDays(30));
        assertEquals(new JdbcPurger.Purged(1, 1, 1, 1, 1), new JdbcPurger(migrated, clock).runOnce());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("toolsAndDatabases")
    @DisplayName("tables of release 0.1 (version 1) are refused, naming both versions, until the tool upgrades them, rows intact")
    void refusesOlderSchemaUntilMigrated(Tool tool, TestDatabase database) throws Exception {
        JdbcSchema schema = emptySchema(database);
        schema.runScript("db/migration/" + schema.dialect().resourceName() + "/V1__tables.sql", "create the tables of release 0.1");
        MutableClock clock = MutableClock.startingNow();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Session old = newSession("bob", now);
        CredentialKey first = key("bob");
        CredentialKey current = key("bob");
        try (Connection connection = database.dataSource().getConnection()) {
            insertVersion1Rows(connection, schema, old, first, current, now);
        }

        JdbcSchema restarted = JdbcSchema.of(database.dataSource(), schema.tablePrefix());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new JdbcSessionStore(restarted, clock));
        assertTrue(refused.getMessage().contains("schema version 1, version " + JdbcSchema.VERSION + " required"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> new JdbcPersistentTokenStore(restarted, clock));
        assertThrows(IllegalStateException.class, () -> new JdbcPurger(restarted, clock));
        assertThrows(IllegalStateException.class, restarted::createIfMissing, "never papers over an old schema");

        tool.migrate(database.dataSource(), schema, 1);
        JdbcSessionStore sessions = new JdbcSessionStore(restarted, clock);
        assertEquals(Optional.of(old), sessions.find(old.key()), "authenticated when created, last seen where it signed in");
        JdbcPersistentTokenStore tokens = new JdbcPersistentTokenStore(restarted, clock);
        assertEquals(Optional.of(new PersistentToken(current, TokenKind.REMEMBER_ME, "series-1", "bob", now.plusSeconds(1),
                now.plusSeconds(3600), now.plusSeconds(7200), now, Device.unknown())), tokens.find(current));
        assertEquals(new TokenState(3, now), new JdbcTokenVersionStore(restarted, clock).tokenState("bob"));
    }

    /** A session, a remember-me series of two generations and a token state, in the columns of version 1. */
    private static void insertVersion1Rows(Connection connection, JdbcSchema schema, Session session, CredentialKey first,
                                           CredentialKey current, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema.table("session")
                + " (digest, key_partition, handle, user_id, created_at, last_active_at, absolute_expiry, idle_timeout,"
                + " expires_at, browser, os, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, session.key().digest());
            insert.setString(2, session.key().partition());
            insert.setString(3, session.handle());
            insert.setString(4, session.userId());
            insert.setLong(5, JdbcSchema.micros(session.createdAt()));
            insert.setLong(6, JdbcSchema.micros(session.lastActiveAt()));
            insert.setLong(7, JdbcSchema.micros(session.absoluteExpiry()));
            insert.setLong(8, JdbcSchema.micros(session.idleTimeout()));
            insert.setLong(9, JdbcSchema.micros(session.expiresAt()));
            insert.setString(10, session.device().browser());
            insert.setString(11, session.device().os());
            insert.setString(12, session.device().ip());
            insert.setString(13, session.device().userAgent());
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema.table("token")
                + " (digest, key_partition, kind, family_id, user_id, issued_at, expires_at, family_expires_at, spent_at)"
                + " VALUES (?, ?, 'REMEMBER_ME', 'series-1', 'bob', ?, ?, ?, ?)")) {
            for (CredentialKey key : List.of(first, current)) {
                boolean spent = key == first;
                insert.setString(1, key.digest());
                insert.setString(2, key.partition());
                insert.setLong(3, JdbcSchema.micros(spent ? now : now.plusSeconds(1)));
                insert.setLong(4, JdbcSchema.micros(now.plusSeconds(3600)));
                insert.setLong(5, JdbcSchema.micros(now.plusSeconds(7200)));
                if (spent) {
                    insert.setLong(6, JdbcSchema.micros(now.plusSeconds(1)));
                } else {
                    insert.setNull(6, Types.BIGINT);
                }
                insert.executeUpdate();
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema.table("token_state")
                + " (user_id, version, not_before) VALUES ('bob', 3, ?)")) {
            insert.setLong(1, JdbcSchema.micros(now));
            insert.executeUpdate();
        }
    }

    private static Session newSession(String userId, Instant now) {
        return new Session(key(userId), UUID.randomUUID().toString().substring(0, 22), userId, now, now,
                now.plus(Duration.ofHours(12)), Duration.ofMinutes(30), Device.of("Mozilla/5.0 Firefox/128.0", "192.0.2.4"));
    }

    private static CredentialKey key(String userId) {
        return ContractKeys.PARTITIONS.generate(userId, RANDOM).key();
    }
}
