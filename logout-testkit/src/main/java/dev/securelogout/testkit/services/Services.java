package dev.securelogout.testkit.services;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The PostgreSQL, MariaDB and Redis servers the tests share: the local ones at their default ports unless environment
 * variables say otherwise (PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD; MARIADB_HOST, MARIADB_PORT,
 * MARIADB_DATABASE, MARIADB_USER, MARIADB_PASSWORD; REDIS_URL). A test works under a {@link #randomPrefix(String)
 * random prefix} of tables or keys and removes only what matches it; nothing here stops, flushes or reconfigures a
 * server.
 */
public final class Services {

    private Services() {
    }

    /**
     * The PostgreSQL host, PGHOST or 127.0.0.1.
     *
     * @return the host
     */
    public static String postgresqlHost() {
        return env("PGHOST", "127.0.0.1");
    }

    /**
     * The PostgreSQL port, PGPORT or 5432.
     *
     * @return the port
     */
    public static int postgresqlPort() {
        return Integer.parseInt(env("PGPORT", "5432"));
    }

    /**
     * PostgreSQL through the driver's plain data source.
     *
     * @return a new data source
     */
    public static PGSimpleDataSource postgresql() {
        return postgresql(postgresqlHost(), postgresqlPort());
    }

    /**
     * The PostgreSQL database and credentials at another address (a proxy in front of the server).
     *
     * @param host the host to connect to
     * @param port the port to connect to
     * @return a new data source
     */
    public static PGSimpleDataSource postgresql(String host, int port) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {host});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(env("PGDATABASE", "test"));
        dataSource.setUser(env("PGUSER", "postgres"));
        dataSource.setPassword(env("PGPASSWORD", ""));
        return dataSource;
    }

    /**
     * The JDBC URL of PostgreSQL, with the user (and password, if one is set) as parameters.
     *
     * @return {@code jdbc:postgresql://host:port/database?user=…}
     */
    public static String postgresqlUrl() {
        return postgresqlUrl(postgresqlHost(), postgresqlPort());
    }

    /**
     * The JDBC URL of the PostgreSQL database at another address (a proxy in front of the server).
     *
     * @param host the host to connect to
     * @param port the port to connect to
     * @return {@code jdbc:postgresql://host:port/database?user=…}
     */
    public static String postgresqlUrl(String host, int port) {
        String password = env("PGPASSWORD", "");
        return "jdbc:postgresql://" + host + ":" + port + "/" + env("PGDATABASE", "test")
                + "?user=" + URLEncoder.encode(env("PGUSER", "postgres"), StandardCharsets.UTF_8)
                + (password.isEmpty() ? "" : "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8));
    }

    /**
     * MariaDB through the driver's plain data source.
     *
     * @return a new data source
     */
    public static DataSource mariadb() {
        try {
            MariaDbDataSource dataSource = new MariaDbDataSource("jdbc:mariadb://" + env("MARIADB_HOST", "127.0.0.1") + ":"
                    + env("MARIADB_PORT", "3306") + "/" + env("MARIADB_DATABASE", "test"));
            dataSource.setUser(env("MARIADB_USER", "root"));
            dataSource.setPassword(env("MARIADB_PASSWORD", ""));
            return dataSource;
        } catch (SQLException e) {
            throw new IllegalStateException("bad MariaDB settings", e);
        }
    }

    /**
     * The Redis URL, REDIS_URL or {@code redis://127.0.0.1:6379}.
     *
     * @return the URL
     */
    public static String redisUrl() {
        return env("REDIS_URL", "redis://127.0.0.1:6379");
    }

    /**
     * A pooled client of the shared Redis; close it after the test.
     *
     * @return a new client
     */
    public static RedisClient redis() {
        return RedisClient.create(URI.create(redisUrl()));
    }

    /**
     * A fresh prefix for tables or keys: {@code lead} and 12 random hex digits.
     *
     * @param lead what the prefix starts with, naming who made it ({@code "t"}, {@code "tst-"})
     * @return the prefix
     */
    public static String randomPrefix(String lead) {
        return lead + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 12);
    }

    /**
     * The keys under {@code prefix} ({@code prefix:*}), by SCAN: for tests only, stores never scan.
     *
     * @param jedis the Redis client
     * @param prefix the prefix
     * @return the keys found
     */
    public static List<String> redisKeys(UnifiedJedis jedis, String prefix) {
        return scan(jedis, prefix + ":*");
    }

    /**
     * The keys that match {@code pattern} (a SCAN {@code MATCH} pattern, which should start with a test's prefix).
     *
     * @param jedis the Redis client
     * @param pattern the pattern
     * @return the keys found
     */
    public static List<String> scan(UnifiedJedis jedis, String pattern) {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(pattern).count(1000);
        List<String> found = new ArrayList<>();
        do {
            ScanResult<String> page = jedis.scan(cursor, params);
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return found;
    }

    /**
     * Deletes the keys under {@code prefix}.
     *
     * @param jedis the Redis client
     * @param prefix the prefix
     * @return the keys deleted
     */
    public static List<String> deleteKeys(UnifiedJedis jedis, String prefix) {
        List<String> found = redisKeys(jedis, prefix);
        found.forEach(jedis::del);
        return found;
    }

    /**
     * Deletes the keys under {@code prefix} on the shared Redis.
     *
     * @param prefix the prefix
     */
    public static void deleteKeys(String prefix) {
        try (RedisClient redis = redis()) {
            deleteKeys(redis, prefix);
        }
    }

    /**
     * Drops the tables whose names start with {@code prefix} (only a test's own).
     *
     * @param dataSource the database
     * @param prefix the table prefix
     * @throws IllegalStateException if the database refuses
     */
    public static void dropTables(DataSource dataSource, String prefix) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, null, prefix.replace("_", "\\_") + "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String table : tables) {
                statement.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("dropping the tables under " + prefix, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
