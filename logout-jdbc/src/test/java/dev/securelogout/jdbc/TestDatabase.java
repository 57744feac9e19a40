package dev.securelogout.jdbc;

import dev.securelogout.testkit.services.Services;
import java.util.Locale;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The databases the tests run on, each through its driver's own plain {@link DataSource}: H2 in
 * memory, and the shared PostgreSQL and MariaDB as the test kit's {@link Services} finds them.
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
            return Services.postgresql();
        }
    },

    MARIADB {
        @Override
        DataSource dataSource() {
            return Services.mariadb();
        }
    };

    /** A new plain data source for this database. */
    abstract DataSource dataSource();

    /** A fresh schema under a random table prefix, its tables created; drop it after the test. */
    JdbcSchema freshSchema() {
        JdbcSchema schema = JdbcSchema.of(dataSource(), Services.randomPrefix("t") + "_");
        schema.createIfMissing();
        return schema;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
