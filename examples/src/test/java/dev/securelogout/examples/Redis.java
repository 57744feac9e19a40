package dev.securelogout.examples;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The local Redis the Redis tests share with other engineers ({@code REDIS_URL} overrides
 * redis://127.0.0.1:6379), and a random key prefix per test class so that each deletes only its
 * own keys.
 */
final class Redis {

    private Redis() {
    }

    static String url() {
        return System.getenv().getOrDefault("REDIS_URL", AppConfig.DEFAULT_REDIS_URL);
    }

    static String randomPrefix() {
        return "ex-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** A node configuration on Redis under {@code prefix}, signing with {@code secret}. */
    static AppConfig redis(String prefix, String secret) {
        return new AppConfig(0, AppConfig.Store.REDIS, Optional.empty(), AppConfig.DEFAULT_TABLE_PREFIX, Optional.of(url()),
                prefix, secret);
    }

    /** Deletes the keys under {@code prefix}: SCAN is for test cleanup only. */
    static void deleteAll(String prefix) {
        try (RedisClient redis = RedisClient.create(URI.create(url()))) {
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
