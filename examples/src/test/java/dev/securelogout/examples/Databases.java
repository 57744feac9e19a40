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

    static String host() {
        return System.getenv().getOrDefault("PGHOST", "127.0.0.1");
    }

    static int port() {
        return Integer.parseInt(System.getenv().getOrDefault("PGPORT", "5432"));
    }

    static String postgresUrl() {
        return postgresUrl(host(), port());
    }

    /** The URL of database {@code test} on {@code host:port} (a proxy in front of PostgreSQL, say). */
    static String postgresUrl(String host, int port) {
        return "jdbc:postgresql://" + host + ":" + port + "/test?user=" + System.getenv().getOrDefault("PGUSER", "postgres");
    }

    static String randomPrefix() {
        return "ex" + Integer.toUnsignedString(new SecureRandom().nextInt(), 36) + "_";
    }

    /** A node configuration on PostgreSQL under {@code prefix}, signing with {@code secret}. */
    static AppConfig postgres(String prefix, String secret) {
        return postgres(postgresUrl(), prefix, secret);
    }

    /** A node configuration on the PostgreSQL at {@code url}. */
    static AppConfig postgres(String url, String prefix, String secret) {
        return new AppConfig(0, AppConfig.Store.JDBC, Optional.of(url), prefix, Optional.empty(),
                AppConfig.DEFAULT_REDIS_PREFIX, secret);
    }

    /** Drops the tables under {@code prefix}. */
    static void drop(String prefix) {
        JdbcSchema.of(new UrlDataSource(postgresUrl()), prefix).drop();
    }
}
