package dev.securelogout.examples;

import dev.securelogout.jdbc.JdbcSchema;
import dev.securelogout.testkit.services.Services;
import java.util.Optional;

/**
 * Node configurations on the shared PostgreSQL (as the test kit's {@link Services} finds it), and a
 * random table prefix per test class so that each drops only its own tables.
 */
final class Databases {

    private Databases() {
    }

    static String randomPrefix() {
        return Services.randomPrefix("ex") + "_";
    }

    /** A node configuration on PostgreSQL under {@code prefix}, signing with {@code secret}. */
    static AppConfig postgres(String prefix, String secret) {
        return postgres(Services.postgresqlUrl(), prefix, secret);
    }

    /** A node configuration on the PostgreSQL at {@code url}. */
    static AppConfig postgres(String url, String prefix, String secret) {
        return new AppConfig(0, AppConfig.Store.JDBC, Optional.of(url), prefix, Optional.empty(),
                AppConfig.DEFAULT_REDIS_PREFIX, secret);
    }

    /** Drops the tables under {@code prefix}. */
    static void drop(String prefix) {
        JdbcSchema.of(Services.postgresql(), prefix).drop();
    }
}
