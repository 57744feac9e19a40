package dev.securelogout.examples.spring;

import dev.securelogout.examples.AppConfig;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The local PostgreSQL and Redis the tests share with other engineers (PGHOST, PGPORT, PGUSER and
 * REDIS_URL override the defaults), each test class under a random table or key prefix, deleting
 * only what it created.
 */
final class Stores {

    private Stores() {
    }

    static String pgHost() {
        return System.getenv().getOrDefault("PGHOST", "127.0.0.1");
    }

    static int pgPort() {
        return Integer.parseInt(System.getenv().getOrDefault("PGPORT", "5432"));
    }

    static String postgresUrl(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/test?user=" + System.getenv().getOrDefault("PGUSER", "postgres");
    }

    static String redisUrl() {
        return System.getenv().getOrDefault("REDIS_URL", AppConfig.DEFAULT_REDIS_URL);
    }

    static String tablePrefix() {
        return "sp" + Integer.toUnsignedString(new SecureRandom().nextInt(), 36) + "_";
    }

    static String keyPrefix() {
        return "sp-" + UUID.randomUUID().toString().substring(0, 12);
    }

    static String secret() {
        return AppConfig.inMemory().secret();
    }

    /** A node on the PostgreSQL at {@code url} under {@code prefix}; notices over Redis when {@code redisPrefix} is given. */
    static AppConfig postgres(String url, String prefix, String secret, Optional<String> redisPrefix) {
        return new AppConfig(0, AppConfig.Store.JDBC, Optional.of(url), prefix, redisPrefix.map(p -> redisUrl()),
                redisPrefix.orElse(AppConfig.DEFAULT_REDIS_PREFIX), secret);
    }

    /** A node on the Redis at {@code url} under {@code prefix}. */
    static AppConfig redis(String url, String prefix, String secret) {
        return new AppConfig(0, AppConfig.Store.REDIS, Optional.empty(), AppConfig.DEFAULT_TABLE_PREFIX, Optional.of(url), prefix, secret);
    }

    /** Drops the tables under {@code prefix} (only this test class's). */
    static void dropTables(String prefix) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgresUrl(pgHost(), pgPort()));
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, null, prefix.replace("_", "\\_") + "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            for (String table : tables) {
                statement.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
            }
        }
    }

    /** Deletes the keys under {@code prefix}: SCAN is for test cleanup only. */
    static void deleteKeys(String prefix) {
        try (RedisClient redis = RedisClient.create(URI.create(redisUrl()))) {
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams params = new ScanParams().match(prefix + ":*").count(1000);
            List<String> found = new ArrayList<>();
            do {
                ScanResult<String> page = redis.scan(cursor, params);
                found.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            found.forEach(redis::del);
        }
    }
}
