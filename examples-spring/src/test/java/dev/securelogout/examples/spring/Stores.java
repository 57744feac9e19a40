package dev.securelogout.examples.spring;

import dev.securelogout.examples.AppConfig;
import dev.securelogout.testkit.services.Services;
import java.util.Optional;

/**
 * Node configurations on the shared PostgreSQL and Redis (as the test kit's {@link Services} finds
 * them), each test class under a random table or key prefix, deleting only what it created.
 */
final class Stores {

    private Stores() {
    }

    static String tablePrefix() {
        return Services.randomPrefix("sp") + "_";
    }

    static String secret() {
        return AppConfig.inMemory().secret();
    }

    /** A node on the PostgreSQL at {@code url} under {@code prefix}; notices over Redis when {@code redisPrefix} is given. */
    static AppConfig postgres(String url, String prefix, String secret, Optional<String> redisPrefix) {
        return new AppConfig(0, AppConfig.Store.JDBC, Optional.of(url), prefix, redisPrefix.map(p -> Services.redisUrl()),
                redisPrefix.orElse(AppConfig.DEFAULT_REDIS_PREFIX), secret);
    }

    /** A node on the Redis at {@code url} under {@code prefix}. */
    static AppConfig redis(String url, String prefix, String secret) {
        return new AppConfig(0, AppConfig.Store.REDIS, Optional.empty(), AppConfig.DEFAULT_TABLE_PREFIX, Optional.of(url), prefix, secret);
    }
}
