package dev.securelogout.bench;

import java.net.URI;
import java.util.UUID;

/**
 * Where the benchmark finds PostgreSQL, MariaDB and Redis: the local servers at their default
 * ports unless environment variables say otherwise (the same variables as the modules' tests:
 * PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD; MARIADB_HOST, MARIADB_PORT, MARIADB_DATABASE,
 * MARIADB_USER, MARIADB_PASSWORD; REDIS_URL). Every run works under its own random table and key
 * prefix, and removes only what it created.
 */
final class Services {

    private Services() {
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    static URI redisUri() {
        return URI.create(env("REDIS_URL", "redis://127.0.0.1:6379"));
    }

    /** A fresh prefix for tables or keys: {@code bench} and 10 random hex digits. */
    static String randomPrefix() {
        return "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
