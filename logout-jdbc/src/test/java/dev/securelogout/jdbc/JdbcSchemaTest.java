package dev.securelogout.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.tck.ContractKeys;
import dev.securelogout.tck.MutableClock;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

class JdbcSchemaTest {

    @RegisterExtension
    final SchemaPerTest schemas = new SchemaPerTest(TestDatabase.H2);

    @ParameterizedTest
    @ValueSource(strings = {"x; DROP TABLE users; --", "logout_\"", "a b", "Logout_", "1abc", "x`", "x'", "ü_", "x.y",
            "x-y", "abcdefghijklmnopqrstuvwxyzabcdefg"})
    @DisplayName("a table prefix that could carry SQL, or is not a plain lower-case name, is refused")
    void unsafePrefixIsRefused(String prefix) {
        var dataSource = TestDatabase.H2.dataSource();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JdbcSchema.of(dataSource, prefix));
        assertEquals("table prefix must match " + JdbcSchema.PREFIX_PATTERN, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "logout_", "app1_", "a"})
    @DisplayName("a plain lower-case prefix is accepted and names every table")
    void plainPrefixIsAccepted(String prefix) {
        JdbcSchema schema = JdbcSchema.of(TestDatabase.H2.dataSource(), prefix);
        assertEquals(prefix + "session", schema.table("session"));
        assertEquals("h2", schema.dialectName());
    }

    @Test
    @DisplayName("the dialect is read from the product name; any other database is refused")
    void dialectFromProductName() {
        assertEquals(Dialect.POSTGRESQL, Dialect.of("PostgreSQL"));
        assertEquals(Dialect.MARIADB, Dialect.of("MariaDB"));
        assertEquals(Dialect.H2, Dialect.of("H2"));
        assertThrows(IllegalArgumentException.class, () -> Dialect.of("Oracle"));
        assertThrows(IllegalArgumentException.class, () -> Dialect.of(null));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    @DisplayName("every dialect ships a create script with seven tables, their indexes and four views, and a drop script")
    void scriptsShip(Dialect dialect) {
        var create = JdbcSchema.statements(dialect.schemaResource());
        assertEquals(7, create.stream().filter(sql -> sql.startsWith("CREATE TABLE IF NOT EXISTS ${prefix}")).count());
        assertEquals(9, create.stream().filter(sql -> sql.startsWith("CREATE INDEX IF NOT EXISTS ${prefix}")).count());
        assertEquals(4, create.stream().filter(sql -> sql.startsWith("CREATE OR REPLACE VIEW ${prefix}")).count());
        assertEquals(11, JdbcSchema.statements(dialect.dropResource()).size());
    }

    @Test
    @DisplayName("creating the schema twice is harmless")
    void createIfMissingIsIdempotent() {
        JdbcSchema schema = schemas.create();
        schema.createIfMissing();
        MutableClock clock = MutableClock.startingNow();
        assertEquals(Optional.empty(), new JdbcSessionStore(schema, clock).find(newKey()));
    }

    @Test
    @DisplayName("an SQL failure is a StoreException with the SQL cause and no digest in its message")
    void sqlFailureIsStoreException() {
        JdbcSchema schema = schemas.create();
        JdbcSessionStore store = new JdbcSessionStore(schema, MutableClock.startingNow());
        JdbcPersistentTokenStore tokens = new JdbcPersistentTokenStore(schema, MutableClock.startingNow());
        schema.drop();
        CredentialKey key = newKey();
        StoreException e = assertThrows(StoreException.class, () -> store.find(key));
        assertInstanceOf(SQLException.class, e.getCause());
        assertFalse(e.getMessage().contains(key.digest()));
        assertThrows(StoreException.class, () -> tokens.revokeAllOfUser("u"));
    }

    @Test
    @DisplayName("the stores refuse missing tables and tables of version 1, naming the versions; createIfMissing refuses to patch old tables")
    void storesCheckTheSchemaVersion() {
        MutableClock clock = MutableClock.startingNow();
        JdbcSchema schema = JdbcSchema.of(TestDatabase.H2.dataSource(), "v" + Long.toHexString(System.nanoTime()) + "_");
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> new JdbcSessionStore(schema, clock));
        assertTrue(missing.getMessage().contains("no secure-logout tables with prefix \"" + schema.tablePrefix()
                + "\" (schema version " + JdbcSchema.VERSION + " required)"), missing.getMessage());
        try {
            schema.runScript("db/migration/h2/V1__tables.sql", "create the tables of release 0.1");
            IllegalStateException older = assertThrows(IllegalStateException.class, () -> new JdbcTokenVersionStore(schema, clock));
            assertTrue(older.getMessage().contains("are at schema version 1, version " + JdbcSchema.VERSION + " required: apply"
                    + " the migrations after V1 in dev/securelogout/jdbc/db/migration/h2"), older.getMessage());
            assertThrows(IllegalStateException.class, schema::createIfMissing);
        } finally {
            schema.drop();
        }
        schema.createIfMissing();
        try {
            new JdbcAccessTokenDenylist(schema, clock);
            schema.createIfMissing();
        } finally {
            schema.drop();
        }
    }

    @Test
    @DisplayName("an unreachable database is a StoreException")
    void unreachableDatabase() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setServerNames(new String[] {"127.0.0.1"});
        nowhere.setPortNumbers(new int[] {1});
        nowhere.setConnectTimeout(2);
        StoreException e = assertThrows(StoreException.class, () -> JdbcSchema.of(nowhere, "x_"));
        assertInstanceOf(SQLException.class, e.getCause());
    }

    @Test
    @DisplayName("instants are kept to the microsecond and far-off ones are clamped, never overflowed")
    void instantsAsMicros() {
        Instant instant = Instant.parse("2031-05-06T07:08:09.123456789Z");
        assertEquals(Instant.parse("2031-05-06T07:08:09.123456Z"), JdbcSchema.instant(JdbcSchema.micros(instant)));
        assertEquals(Duration.ofMinutes(30), JdbcSchema.duration(JdbcSchema.micros(Duration.ofMinutes(30))));
        long max = JdbcSchema.micros(Instant.MAX);
        assertEquals(max, JdbcSchema.micros(Duration.ofSeconds(Long.MAX_VALUE)));
        assertTrue(max + max > max, "two stored instants add without overflow");
    }

    private static CredentialKey newKey() {
        return ContractKeys.PARTITIONS.generate("u", new SecureRandom()).key();
    }
}
