package dev.securelogout.examples;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.credential.PartitionKey;
import dev.securelogout.core.monitor.EngineMonitor;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.jdbc.JdbcAccessTokenDenylist;
import dev.securelogout.jdbc.JdbcPersistentTokenStore;
import dev.securelogout.jdbc.JdbcPurger;
import dev.securelogout.jdbc.JdbcSchema;
import dev.securelogout.jdbc.JdbcSessionStore;
import dev.securelogout.jdbc.JdbcTokenVersionStore;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The stores behind one node, chosen by {@link AppConfig#store()}: the engine builder already
 * holding them, the notifier the engine publishes to (and the event streams listen to), and what
 * to close at shutdown.
 *
 * <p>Live notices ({@code GET /events}) reach the pages of other nodes only over Redis: with
 * {@code LOGOUT_STORE=redis}, and with {@code LOGOUT_STORE=jdbc} when {@code REDIS_URL} is set
 * (Redis then carries the notices only; the sessions and tokens stay in the database). Otherwise
 * a notice reaches the pages of the node that ended the session, and the other nodes' pages learn
 * of it at their next request.
 *
 * @param engine   a builder with the stores and the notifier set
 * @param notifier the notifier set on the builder
 * @param resources closed when the node stops
 */
record Backend(LogoutEngine.Builder engine, SessionNotifier notifier, AutoCloseable resources) {

    /** How long a node waits at start-up for its Redis subscription. */
    static final Duration SUBSCRIPTION_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(Backend.class);
    /** How often the JDBC backend purges expired rows (and so audits expired sessions). */
    private static final Duration PURGE_PERIOD = Duration.ofMinutes(1);

    /**
     * Connects to the configured store; the engine and the stores that route by partition share
     * {@code secretKey}; the engine and the Redis near cache report to {@code monitor}.
     *
     * @throws IllegalStateException when the store cannot be reached
     */
    static Backend open(AppConfig config, byte[] secretKey, EngineMonitor monitor) {
        Clock clock = Clock.systemUTC();
        Closer closer = new Closer();
        try {
            return switch (config.store()) {
                case MEMORY -> {
                    SessionNotifier notifier = InMemoryStores.notifier();
                    yield new Backend(LogoutEngine.builder().inMemory().secretKey(secretKey).notifier(notifier).monitor(monitor),
                            notifier, closer);
                }
                case JDBC -> {
                    JdbcSchema schema = JdbcSchema.of(new UrlDataSource(config.jdbcUrl().orElseThrow()), config.jdbcTablePrefix());
                    schema.createIfMissing();
                    SessionNotifier notifier = config.redisUrl().isPresent()
                            ? closer.add(new RedisSessionNotifier(subscribe(config, closer))) : InMemoryStores.notifier();
                    JdbcSessionStore sessions = new JdbcSessionStore(schema, clock);
                    ScheduledExecutorService purging = Executors.newSingleThreadScheduledExecutor(task -> {
                        Thread thread = new Thread(task, "jdbc-purger");
                        thread.setDaemon(true);
                        return thread;
                    });
                    closer.add(purging::shutdownNow);
                    new JdbcPurger(schema, clock).reportingExpiriesTo(sessions).schedule(purging, PURGE_PERIOD);
                    yield new Backend(LogoutEngine.builder().clock(clock).secretKey(secretKey)
                            .sessionStore(sessions)
                            .persistentTokenStore(new JdbcPersistentTokenStore(schema, clock))
                            .accessTokenDenylist(new JdbcAccessTokenDenylist(schema, clock))
                            .tokenVersionStore(new JdbcTokenVersionStore(schema, clock))
                            .notifier(notifier).monitor(monitor), notifier, closer);
                }
                case REDIS -> {
                    RedisClient redis = closer.add(RedisClient.create(URI.create(config.redisUrl().orElseThrow())));
                    redis.ping();
                    RedisPubSub pubSub = subscribe(config, closer);
                    RedisNearCache cache = closer.add(RedisNearCache.builder(pubSub).clock(clock).monitor(monitor).build());
                    SessionNotifier notifier = closer.add(new RedisSessionNotifier(pubSub));
                    String prefix = config.redisPrefix();
                    PartitionKey partitions = PartitionKey.of(secretKey);
                    RedisTokenVersionStore versions = new RedisTokenVersionStore(redis, prefix, partitions, clock);
                    yield new Backend(LogoutEngine.builder().clock(clock).secretKey(secretKey)
                            .sessionStore(cache.sessions(new RedisSessionStore(redis, prefix, partitions, clock)))
                            .persistentTokenStore(new RedisPersistentTokenStore(redis, prefix, partitions, clock))
                            .accessTokenDenylist(cache.denylist(new RedisAccessTokenDenylist(redis, prefix, clock)))
                            .tokenVersionStore(cache.tokenVersions(versions))
                            .healthProbe("redisEpoch", versions::checkEpoch)
                            .notifier(notifier).monitor(monitor), notifier, closer);
                }
            };
        } catch (JedisException e) {
            closer.close();
            throw new IllegalStateException("Redis cannot be reached at REDIS_URL: " + e.getClass().getSimpleName(), e);
        } catch (RuntimeException e) {
            closer.close();
            throw e;
        }
    }

    /**
     * This node's subscription to the Redis channels of the prefix, on a client of its own, once it
     * is in place (so that no notice published after start-up is missed).
     */
    private static RedisPubSub subscribe(AppConfig config, Closer closer) {
        RedisClient client = closer.add(RedisClient.create(URI.create(config.redisUrl().orElseThrow())));
        client.ping();
        RedisPubSub pubSub = closer.add(RedisPubSub.start(client, config.redisPrefix()));
        Instant deadline = Instant.now().plus(SUBSCRIPTION_TIMEOUT);
        while (!pubSub.isConnected()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the Redis subscription did not start within " + SUBSCRIPTION_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Redis subscription", e);
            }
        }
        return pubSub;
    }

    /** Closes what it was given, last first; a failure is logged and the rest still closed. Not thread-safe. */
    private static final class Closer implements AutoCloseable {
        private final Deque<AutoCloseable> resources = new ArrayDeque<>();

        <T extends AutoCloseable> T add(T resource) {
            resources.push(resource);
            return resource;
        }

        @Override
        public void close() {
            while (!resources.isEmpty()) {
                AutoCloseable resource = resources.pop();
                try {
                    resource.close();
                } catch (Exception e) {
                    LOG.warn("closing {}: {}", resource.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }
}
