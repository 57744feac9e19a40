package dev.securelogout.examples;

import dev.securelogout.testkit.services.Services;
import java.util.Optional;

/** A node configuration on the shared Redis (as the test kit's {@link Services} finds it), under a test class's own key prefix. */
final class Redis {

    private Redis() {
    }

    /** A node configuration on Redis under {@code prefix}, signing with {@code secret}. */
    static AppConfig redis(String prefix, String secret) {
        return new AppConfig(0, AppConfig.Store.REDIS, Optional.empty(), AppConfig.DEFAULT_TABLE_PREFIX, Optional.of(Services.redisUrl()),
                prefix, secret);
    }
}
