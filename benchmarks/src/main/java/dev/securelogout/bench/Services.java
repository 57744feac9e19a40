package dev.securelogout.bench;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.credential.PartitionKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.sql.DataSource;
import redis.clients.jedis.UnifiedJedis;

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
        return URI.create(dev.securelogout.testkit.services.Services.redisUrl());
    }

    /**
     * Deletes every key under {@code prefix} on a standalone Redis (SCAN is for the benchmark's cleanup only; the
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
        return dev.securelogout.testkit.services.Services.redisKeys(jedis, prefix);
    }

    /** PostgreSQL through the driver's plain data source. */
    static DataSource postgresql() {
        return dev.securelogout.testkit.services.Services.postgresql();
    }

    /** MariaDB through the driver's plain data source. */
    static DataSource mariadb() {
        return dev.securelogout.testkit.services.Services.mariadb();
    }

    /** A fresh prefix for tables or keys: {@code bench} and 12 random hex digits. */
    static String randomPrefix() {
        return dev.securelogout.testkit.services.Services.randomPrefix("bench");
    }
}
