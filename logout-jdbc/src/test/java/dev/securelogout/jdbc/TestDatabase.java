package dev.securelogout.jdbc;

import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the tests run on, each through its driver's own plain {@link DataSource}. The
 * servers are the local ones at their default ports; environment variables override: PGHOST,
 * PGPORT, PGDATABASE, PGUSER, PGPASSWORD and MARIADB_HOST, MARIADB_PORT, MARIADB_DATABASE,
 * MARIADB_USER, MARIADB_PASSWORD.
 */
enum TestDatabase {

    H2 {
        @Override
        DataSource dataSource() {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:mem:logout;DB_CLOSE_DELAY=-1");
            return dataSource;
        }
    },

    POSTGRESQL {
        @Override
        DataSource dataSource() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setServerNames(new String[] {env("PGHOST", "127.0.0.1")});
            dataSource.setPortNumbers(new int[] {Integer.parseInt(env("PGPORT", "5432"))});
            dataSource.setDatabaseName(env("PGDATABASE", "test"));
            dataSource.setUser(env("PGUSER", "postgres"));
            dataSource.setPassword(env("PGPASSWORD", ""));
            return dataSource;
        }
    },

    MARIADB {
        @Override
        DataSource dataSource() {
            try {
                MariaDbDataSource dataSource = new MariaDbDataSource("jdbc:mariadb://" + env("MARIADB_HOST", "127.0.0.1") + ":"
                        + env("MARIADB_PORT", "3306") + "/" + env("MARIADB_DATABASE", "test"));
                dataSource.setUser(env("MARIADB_USER", "root"));
                dataSource.setPassword(env("MARIADB_PASSWORD", ""));
                return dataSource;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("bad MariaDB URL", e);
            }
        }
    };

    /** A new plain data source for this database. */
    abstract DataSource dataSource();

    /** A fresh schema under a random table prefix, its tables created; drop it after the test. */
    JdbcSchema freshSchema() {
        JdbcSchema schema = JdbcSchema.of(dataSource(), "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_");
        schema.createIfMissing();
        return schema;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
