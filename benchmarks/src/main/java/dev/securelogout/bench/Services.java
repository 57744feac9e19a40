package dev.securelogout.bench;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.credential.PartitionKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Where the benchmark finds PostgreSQL, MariaDB and Redis: the local servers at their default
 * ports unless environment variables say otherwise (the same variables as the modules' tests:
 * PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD; MARIADB_HOST, MARIADB_PORT, MARIADB_DATABASE,
 * MARIADB_USER, MARIADB_PASSWORD; REDIS_URL). Every run works under its own random table and key
 * prefix, and removes only what it created.
 */
final class Services {

    private static final String SECRET = "secure-logout benchmarks' fixed secret key";
    /** The partition key of {@link #secret()}, for the stores that route by partition. */
    static final PartitionKey PARTITIONS = PartitionKey.of(secret());

    private Services() {
    }

    /** The engines' secret key, a new copy each call. */
    static byte[] secret() {
        return SECRET.getBytes(StandardCharsets.UTF_8);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static URI redisUri() {
        return URI.create(env("REDIS_URL", "redis://127.0.0.1:6379"));
    }

    /**
     * Deletes every key under {@code prefix} (SCAN is for the benchmark's cleanup only; the
     * stores never use it), and returns the keys it found.
     */
    static List<String> deleteRedisKeys(UnifiedJedis jedis, String prefix) {
        List<String> found = redisKeys(jedis, prefix);
        for (int from = 0; from < found.size(); from += 1000) { // one DEL per thousand keys: the scale part leaves millions
            jedis.del(found.subList(from, Math.min(found.size(), from + 1000)).toArray(String[]::new));
        }
        return found;
    }

    /** The Redis key of a session under {@code prefix}, as {@code RedisSessionStore} lays it out. */
    static String redisSessionKey(String prefix, CredentialKey key) {
        return prefix + ":{" + key.partition() + "}:s:" + key.digest();
    }

    /** The keys under {@code prefix}, by SCAN. */
    static List<String> redisKeys(UnifiedJedis jedis, String prefix) {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(prefix + ":*").count(1000);
        List<String> found = new ArrayList<>();
        do {
            ScanResult<String> page = jedis.scan(cursor, params);
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return found;
    }

    /** PostgreSQL through the driver's plain data source. */
    static DataSource postgresql() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {env("PGHOST", "127.0.0.1")});
        dataSource.setPortNumbers(new int[] {Integer.parseInt(env("PGPORT", "5432"))});
        dataSource.setDatabaseName(env("PGDATABASE", "test"));
        dataSource.setUser(env("PGUSER", "postgres"));
        dataSource.setPassword(env("PGPASSWORD", ""));
        return dataSource;
    }

    /** MariaDB through the driver's plain data source. */
    static DataSource mariadb() {
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

    /** A fresh prefix for tables or keys: {@code bench} and 10 random hex digits. */
    static String randomPrefix() {
        return "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
