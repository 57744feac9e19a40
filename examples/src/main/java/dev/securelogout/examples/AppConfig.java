package dev.securelogout.examples;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How one node of the example app runs: where it listens, which store it shares with other nodes,
 * and the secret that nodes sharing a store must share. Immutable.
 *
 * @param port      the TCP port on 127.0.0.1; 0 picks a free one
 * @param store     where sessions and tokens live
 * @param jdbcUrl   the JDBC URL, for {@link Store#JDBC}
 * @param jdbcTablePrefix the prefix of the JDBC tables, for {@link Store#JDBC}
 * @param redisUrl  the Redis URL: the store for {@link Store#REDIS}; with {@link Store#JDBC}, the channel
 *                  of the live notices between nodes
 * @param redisPrefix the prefix of the Redis keys and channels, for {@link Store#REDIS} and the notices
 * @param secret    signs access tokens and keys the engine's digests; at least 32 bytes
 */
public record AppConfig(int port, Store store, Optional<String> jdbcUrl, String jdbcTablePrefix, Optional<String> redisUrl,
                        String redisPrefix, String secret) {

    /** The port when {@code PORT} is unset. */
    public static final int DEFAULT_PORT = 8080;
    /** The JDBC table prefix when {@code JDBC_TABLE_PREFIX} is unset. */
    public static final String DEFAULT_TABLE_PREFIX = "logout_";
    /** The Redis URL when {@code LOGOUT_STORE=redis} and {@code REDIS_URL} is unset. */
    public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
    /** The Redis key prefix when {@code REDIS_PREFIX} is unset. */
    public static final String DEFAULT_REDIS_PREFIX = "securelogout";
    /** The shortest secret accepted, in UTF-8 bytes. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final Pattern REDIS_PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Where sessions and tokens live. */
    public enum Store {
        /** In this process: one node, nothing to run. */
        MEMORY,
        /** A PostgreSQL, MariaDB or H2 database named by {@code JDBC_URL}. */
        JDBC,
        /** A Redis server named by {@code REDIS_URL}, with a near cache on each node. */
        REDIS
    }

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public AppConfig {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(jdbcTablePrefix, "jdbcTablePrefix");
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(redisPrefix, "redisPrefix");
        Objects.requireNonNull(secret, "secret");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PORT must be 0 to 65535");
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT_SECRET must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (store == Store.JDBC && jdbcUrl.isEmpty()) {
            throw new IllegalArgumentException("LOGOUT_STORE=jdbc needs JDBC_URL");
        }
        if (store == Store.REDIS && redisUrl.isEmpty()) {
            throw new IllegalArgumentException("LOGOUT_STORE=redis needs REDIS_URL");
        }
        if (redisUrl.isPresent() && !isRedisUrl(redisUrl.get())) {
            throw new IllegalArgumentException("REDIS_URL must look like redis://host:port or rediss://user:password@host:port/db");
        }
        if (!REDIS_PREFIX.matcher(redisPrefix).matches()) {
            throw new IllegalArgumentException("REDIS_PREFIX must be 1 to 64 of A-Z a-z 0-9 . _ -");
        }
    }

    /** One node on a free port with the in-memory stores and a random secret: for tests. */
    public static AppConfig inMemory() {
        return new AppConfig(0, Store.MEMORY, Optional.empty(), DEFAULT_TABLE_PREFIX, Optional.empty(), DEFAULT_REDIS_PREFIX,
                randomSecret());
    }

    /**
     * Reads {@code PORT}, {@code LOGOUT_STORE}, {@code JDBC_URL}, {@code JDBC_TABLE_PREFIX},
     * {@code REDIS_URL}, {@code REDIS_PREFIX} and {@code JWT_SECRET} from {@code env}; unset values take
     * their defaults ({@code REDIS_URL} only with {@code LOGOUT_STORE=redis}: with {@code jdbc} it is
     * what turns on the notices across nodes).
     *
     * @throws IllegalArgumentException naming the variable that is wrong
     */
    public static AppConfig fromEnv(Map<String, String> env) {
        int port = DEFAULT_PORT;
        String portText = env.get("PORT");
        if (portText != null && !portText.isBlank()) {
            try {
                port = Integer.parseInt(portText.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("PORT must be a number", e);
            }
        }
        Store store;
        String storeText = env.getOrDefault("LOGOUT_STORE", "memory").strip().toUpperCase(Locale.ROOT);
        try {
            store = storeText.isEmpty() ? Store.MEMORY : Store.valueOf(storeText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LOGOUT_STORE must be memory, jdbc or redis", e);
        }
        String secret = Optional.ofNullable(env.get("JWT_SECRET")).filter(s -> !s.isBlank()).orElseGet(AppConfig::randomSecret);
        Optional<String> redisUrl = nonBlank(env.get("REDIS_URL"))
                .or(() -> store == Store.REDIS ? Optional.of(DEFAULT_REDIS_URL) : Optional.empty());
        return new AppConfig(port, store, nonBlank(env.get("JDBC_URL")),
                nonBlank(env.get("JDBC_TABLE_PREFIX")).orElse(DEFAULT_TABLE_PREFIX), redisUrl,
                nonBlank(env.get("REDIS_PREFIX")).orElse(DEFAULT_REDIS_PREFIX), secret);
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "AppConfig[port=" + port + ", store=" + store.name().toLowerCase(Locale.ROOT)
                + jdbcUrl.map(u -> ", jdbc").orElse("") + redisUrl.map(u -> ", redis").orElse("") + "]";
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static boolean isRedisUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
