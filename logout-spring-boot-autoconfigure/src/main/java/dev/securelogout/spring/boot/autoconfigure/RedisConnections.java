package dev.securelogout.spring.boot.autoconfigure;

import dev.securelogout.core.credential.PartitionKey;
import dev.securelogout.core.monitor.EngineMonitor;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.redis.RedisAccessTokenDenylist;
import dev.securelogout.redis.RedisNearCache;
import dev.securelogout.redis.RedisPersistentTokenStore;
import dev.securelogout.redis.RedisPubSub;
import dev.securelogout.redis.RedisSessionNotifier;
import dev.securelogout.redis.RedisSessionStore;
import dev.securelogout.redis.RedisTokenVersionStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * This node's connections to Redis from {@code securelogout.redis.*}: a client for the stores, a
 * client of its own for the pub/sub subscription (in place before start-up ends, so that no
 * invalidation or notice published afterwards is missed), the near cache when enabled, and the
 * cross-node notifier. Closed, last opened first, when the context closes. Thread-safe.
 */
public final class RedisConnections implements AutoCloseable {

    /** The Redis URL when {@code securelogout.store=redis} names none. */
    static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    /** How long start-up waits for the subscription. */
    static final Duration SUBSCRIPTION_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(RedisConnections.class);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private @Nullable SessionStore sessions;
    private @Nullable PersistentTokenStore persistentTokens;
    private @Nullable AccessTokenDenylist denylist;
    private @Nullable TokenVersionStore tokenVersions;
    private @Nullable SessionNotifier notifier;

    private RedisConnections() {
    }

    /**
     * Connects; with a partition key for the {@code stores}, also the stores (behind the near cache
     * when enabled), else only the notifier; the near cache reports to {@code monitor}.
     *
     * @throws IllegalStateException when Redis cannot be reached or the subscription does not start in time
     */
    static RedisConnections open(SecureLogoutProperties.Redis properties, Clock clock, Optional<PartitionKey> stores,
                                 EngineMonitor monitor) {
        RedisConnections redis = new RedisConnections();
        try {
            URI url = URI.create(properties.url() == null || properties.url().isBlank() ? DEFAULT_URL : properties.url());
            RedisPubSub pubSub = redis.add(RedisPubSub.start(redis.add(connect(url)), properties.prefix()));
            Instant deadline = Instant.now().plus(SUBSCRIPTION_TIMEOUT);
            while (!pubSub.isConnected()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the Redis subscription did not start within " + SUBSCRIPTION_TIMEOUT.toSeconds() + " s");
                }
                LockSupport.parkNanos(10_000_000L);
            }
            redis.notifier = redis.add(new RedisSessionNotifier(pubSub));
            if (stores.isPresent()) {
                PartitionKey partitions = stores.get();
                RedisClient client = redis.add(connect(url));
                String prefix = properties.prefix();
                RedisSessionStore sessionStore = new RedisSessionStore(client, prefix, partitions, clock);
                RedisAccessTokenDenylist denylist = new RedisAccessTokenDenylist(client, prefix, clock);
                RedisTokenVersionStore tokenVersions = new RedisTokenVersionStore(client, prefix, partitions, clock);
                redis.persistentTokens = new RedisPersistentTokenStore(client, prefix, partitions, clock);
                if (properties.nearCache()) {
                    RedisNearCache.Builder builder = RedisNearCache.builder(pubSub).clock(clock).monitor(monitor);
                    if (properties.staleness() != null) {
                        builder.staleness(properties.staleness());
                    }
                    RedisNearCache cache = redis.add(builder.build());
                    redis.sessions = cache.sessions(sessionStore);
                    redis.denylist = cache.denylist(denylist);
                    redis.tokenVersions = cache.tokenVersions(tokenVersions);
                } else {
                    redis.sessions = sessionStore;
                    redis.denylist = denylist;
                    redis.tokenVersions = tokenVersions;
                }
            }
            return redis;
        } catch (RuntimeException e) {
            redis.close();
            throw e instanceof IllegalStateException ? e
                    : new IllegalStateException("Redis cannot be reached at securelogout.redis.url: " + e.getClass().getSimpleName(), e);
        }
    }

    private static RedisClient connect(URI url) {
        RedisClient client = RedisClient.create(url);
        try {
            client.ping();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    private static <T> T opened(@Nullable T value, String name) {
        if (value == null) {
            throw new IllegalStateException(name + ": Redis was opened for notices only");
        }
        return value;
    }

    private <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    /** The session store, behind the near cache when enabled; only when opened with the stores. */
    SessionStore sessions() {
        return opened(sessions, "sessions");
    }

    /** The remember-me and refresh-token store; only when opened with the stores. */
    PersistentTokenStore persistentTokens() {
        return opened(persistentTokens, "persistentTokens");
    }

    /** The access-token denylist, behind the near cache when enabled; only when opened with the stores. */
    AccessTokenDenylist denylist() {
        return opened(denylist, "denylist");
    }

    /** The token versions, behind the near cache when enabled; only when opened with the stores. */
    TokenVersionStore tokenVersions() {
        return opened(tokenVersions, "tokenVersions");
    }

    /** The notifier that reaches the live clients on every node. */
    SessionNotifier notifier() {
        return opened(notifier, "notifier");
    }

    /** Closes everything, last opened first; a failure is logged and the rest still closed. */
    @Override
    public void close() {
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
