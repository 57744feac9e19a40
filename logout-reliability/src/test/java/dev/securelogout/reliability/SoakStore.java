package dev.securelogout.reliability;

import dev.securelogout.examples.AppConfig;
import dev.securelogout.jdbc.JdbcPurger;
import dev.securelogout.jdbc.JdbcSchema;
import dev.securelogout.testkit.services.Services;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import redis.clients.jedis.RedisClient;

/**
 * A store the soaked example app runs on, on the shared local server, under a random table or key
 * prefix of its own: the app's configuration ({@code LOGOUT_STORE=jdbc} or {@code redis}), what it
 * holds now, and the cleanup of only what it created. Not thread-safe; the soak counts from one
 * thread.
 */
interface SoakStore extends AutoCloseable {

    /** A short name for test names and summary lines. */
    String name();

    /** One node of the example app on this store, on a free port, with access tokens of {@code accessTokenLifetime}. */
    AppConfig config(String secret, Duration accessTokenLifetime);

    /**
     * How many records the store holds now (Redis keys under the prefix; PostgreSQL rows of every
     * table, after a purge of what has expired, which the example app leaves to its operator).
     */
    long footprint();

    /** How many access-token denylist entries it holds now, after the same purge. */
    long denylisted();

    /** Drops the tables, or deletes the keys, under the prefix; never anything else. */
    @Override
    void close();

    /** The shared PostgreSQL, as the test kit's {@link Services} finds it. */
    static SoakStore postgres() {
        return new Postgres();
    }

    /** The shared Redis, as the test kit's {@link Services} finds it. */
    static SoakStore redis() {
        return new Redis();
    }

    /** The JDBC tables under {@code soak<random>_}, dropped at close. */
    final class Postgres implements SoakStore {
        private static final List<String> TABLES = List.of("session", "token", "denylist", "token_state");
        private final String prefix = Services.randomPrefix("soak") + "_";
        private final String url = Services.postgresqlUrl();
        private final DataSource direct = Services.postgresql();
        private final JdbcSchema schema = JdbcSchema.of(direct, prefix);

        private Postgres() {
        }

        @Override
        public String name() {
            return "postgresql";
        }

        @Override
        public AppConfig config(String secret, Duration accessTokenLifetime) {
            return new AppConfig(0, AppConfig.Store.JDBC, Optional.of(url), prefix, Optional.empty(), AppConfig.DEFAULT_REDIS_PREFIX,
                    secret, accessTokenLifetime);
        }

        @Override
        public long footprint() {
            new JdbcPurger(schema, Clock.systemUTC()).runOnce();
            return TABLES.stream().mapToLong(this::rows).sum();
        }

        @Override
        public long denylisted() {
            new JdbcPurger(schema, Clock.systemUTC()).runOnce();
            return rows("denylist");
        }

        private long rows(String table) {
            try (Connection connection = direct.getConnection(); Statement statement = connection.createStatement();
                 ResultSet count = statement.executeQuery("SELECT count(*) FROM " + prefix + table)) {
                count.next();
                return count.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException("counting rows of " + table, e);
            }
        }

        @Override
        public void close() {
            schema.drop();
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** The keys and channels under {@code soak-<random>}, deleted at close (SCAN and DEL, never FLUSHALL). */
    final class Redis implements SoakStore {
        private final String prefix = Services.randomPrefix("soak-");
        private final String url = Services.redisUrl();
        private final RedisClient redis = Services.redis();

        private Redis() {
        }

        @Override
        public String name() {
            return "redis";
        }

        @Override
        public AppConfig config(String secret, Duration accessTokenLifetime) {
            return new AppConfig(0, AppConfig.Store.REDIS, Optional.empty(), AppConfig.DEFAULT_TABLE_PREFIX, Optional.of(url), prefix,
                    secret, accessTokenLifetime);
        }

        @Override
        public long footprint() {
            return Services.redisKeys(redis, prefix).size();
        }

        /** Denylist entries are {@code <prefix>:{<digest>}:d}. */
        @Override
        public long denylisted() {
            return Services.scan(redis, prefix + ":*:d").size();
        }

        @Override
        public void close() {
            try (redis) {
                Services.deleteKeys(redis, prefix);
            }
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
