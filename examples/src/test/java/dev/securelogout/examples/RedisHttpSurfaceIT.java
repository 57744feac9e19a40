package dev.securelogout.examples;

import org.junit.jupiter.api.AfterAll;

/** The HTTP surface on Redis through logout-redis, near cache included. */
class RedisHttpSurfaceIT extends HttpSurfaceContract {

    private final String prefix = Redis.randomPrefix();
    private final String secret = AppConfig.inMemory().secret();

    @Override
    AppConfig config() {
        return Redis.redis(prefix, secret);
    }

    @AfterAll
    void deleteKeys() {
        Redis.deleteAll(prefix);
    }
}
