package dev.securelogout.examples;

import org.junit.jupiter.api.AfterAll;

/** Two nodes sharing Redis through logout-redis, each with its near cache; notices cross over Redis pub/sub. */
class RedisTwoNodesIT extends TwoNodesContract {

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
