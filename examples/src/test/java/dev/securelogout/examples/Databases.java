package dev.securelogout.examples;

import dev.securelogout.jdbc.JdbcSchema;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The local PostgreSQL the JDBC tests share with other engineers (PGHOST, PGPORT, PGUSER override
 * 127.0.0.1:5432, postgres; database {@code test}), and a random table prefix per test class so
 * that each drops only its own tables.
 */
final class Databases {

    private Databases() {
    }

    static String postgresUrl() {
        String host = System.getenv().getOrDefault("PGHOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("PGPORT", "5432");
        String user = System.getenv().getOrDefault("PGUSER", "postgres");
        return "jdbc:postgresql://" + host + ":" + port + "/test?user=" + user;
    }

    static String randomPrefix() {
        return "ex" + Integer.toUnsignedString(new SecureRandom().nextInt(), 36) + "_";
    }

    /** A node configuration on PostgreSQL under {@code prefix}, signing with {@code secret}. */
    static AppConfig postgres(String prefix, String secret) {
        return new AppConfig(0, AppConfig.Store.JDBC, Optional.of(postgresUrl()), prefix, Optional.empty(),
                AppConfig.DEFAULT_REDIS_PREFIX, secret);
    }

    /** Drops the tables under {@code prefix}. */
    static void drop(String prefix) {
        JdbcSchema.of(new UrlDataSource(postgresUrl()), prefix).drop();
    }
}
