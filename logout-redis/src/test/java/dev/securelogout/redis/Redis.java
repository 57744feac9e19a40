package dev.securelogout.redis;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The shared test Redis (127.0.0.1:6379, or {@code REDIS_URL}), and the keys a test class made:
 * each class works under its own random prefix and deletes only what matches it.
 */
final class Redis {

    private Redis() {
    }

    static RedisClient shared() {
        String url = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379");
        return RedisClient.create(URI.create(url));
    }

    static String randomPrefix() {
        return "tst-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Deletes the keys under {@code prefix}: SCAN is for test cleanup only, never in main code. */
    static void deleteAll(UnifiedJedis jedis, String prefix) {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(prefix + ":*").count(1000);
        List<String> found = new ArrayList<>();
        do {
            ScanResult<String> page = jedis.scan(cursor, params);
            found.addAll(page.getResult());
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        for (String key : found) {
            jedis.del(key);
        }
    }
}
