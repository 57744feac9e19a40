package dev.securelogout.reliability;

import dev.securelogout.examples.AppConfig;
import dev.securelogout.jdbc.JdbcPurger;
import dev.securelogout.jdbc.JdbcSchema;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

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

    /** PostgreSQL (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD override 127.0.0.1:5432, test, postgres). */
    static SoakStore postgres() {
        return new Postgres();
    }

    /** Redis ({@code REDIS_URL} overrides redis://127.0.0.1:6379). */
    static SoakStore redis() {
        return new Redis();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The JDBC tables under {@code soak<random>_}, dropped at close. */
    final class Postgres implements SoakStore {
        private static final List<String> TABLES = List.of("session", "token", "denylist", "token_state");
        private final String prefix = "soak" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
        private final String url;
        private final PGSimpleDataSource direct = new PGSimpleDataSource();
        private final JdbcSchema schema;

        private Postgres() {
            String password = env("PGPASSWORD", "");
            url = "jdbc:postgresql://" + env("PGHOST", "127.0.0.1") + ":" + env("PGPORT", "5432") + "/" + env("PGDATABASE", "test")
                    + "?user=" + URLEncoder.encode(env("PGUSER", "postgres"), StandardCharsets.UTF_8)
                    + (password.isEmpty() ? "" : "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
            direct.setUrl(url);
            schema = JdbcSchema.of(direct, prefix);
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
        private final String prefix = "soak-" + UUID.randomUUID().toString().substring(0, 12);
        private final String url = env("REDIS_URL", AppConfig.DEFAULT_REDIS_URL);
        private final RedisClient redis = RedisClient.create(URI.create(url));

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
            return keys(prefix + ":*").size();
        }

        /** Denylist entries are {@code <prefix>:{<digest>}:d}. */
        @Override
        public long denylisted() {
            return keys(prefix + ":*:d").size();
        }

        private List<String> keys(String pattern) {
            List<String> found = new ArrayList<>();
            ScanParams params = new ScanParams().match(pattern).count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = redis.scan(cursor, params);
                found.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            return found;
        }

        @Override
        public void close() {
            try (redis) {
                keys(prefix + ":*").forEach(redis::del);
            }
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
