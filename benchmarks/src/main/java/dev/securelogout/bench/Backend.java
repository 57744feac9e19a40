package dev.securelogout.bench;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.monitor.EngineMonitor;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.jdbc.JdbcAccessTokenDenylist;
import dev.securelogout.jdbc.JdbcPersistentTokenStore;
import dev.securelogout.jdbc.JdbcSchema;
import dev.securelogout.jdbc.JdbcSessionStore;
import dev.securelogout.jdbc.JdbcTokenVersionStore;
import dev.securelogout.redis.RedisAccessTokenDenylist;
import dev.securelogout.redis.RedisNearCache;
import dev.securelogout.redis.RedisPersistentTokenStore;
import dev.securelogout.redis.RedisPubSub;
import dev.securelogout.redis.RedisSessionStore;
import dev.securelogout.redis.RedisTokenVersionStore;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import redis.clients.jedis.RedisClient;

/**
 * The store set-ups a benchmark compares (public for the code JMH generates). Each {@link #open} gives stores under a fresh prefix
 * and a {@link Stores#close} that removes what the run created.
 */
public enum Backend {

    MEMORY("in-memory") {
        @Override
        Stores open(Clock clock, EngineMonitor monitor) {
            return new Stores(InMemoryStores.sessionStore(clock), InMemoryStores.persistentTokenStore(clock),
                    InMemoryStores.accessTokenDenylist(clock), InMemoryStores.tokenVersionStore(), Optional.empty(), () -> { });
        }

        @Override
        Optional<CheckRun.Target> checkTarget() {
            return Optional.of(new CheckRun.Target(1.3, false));
        }
    },

    REDIS_NEAR("Redis + near cache") {
        @Override
        Stores open(Clock clock, EngineMonitor monitor) {
            String prefix = Services.randomPrefix();
            RedisClient jedis = RedisClient.create(Services.redisUri());
            RedisClient subscriber = RedisClient.create(Services.redisUri());
            RedisPubSub pubSub = RedisPubSub.start(subscriber, prefix);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!pubSub.isConnected()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Redis subscription did not connect within 5 s");
                }
                Thread.onSpinWait();
            }
            RedisNearCache cache = RedisNearCache.builder(pubSub).clock(clock).monitor(monitor).build();
            return new Stores(cache.sessions(new RedisSessionStore(jedis, prefix, Services.PARTITIONS, clock)),
                    new RedisPersistentTokenStore(jedis, prefix, Services.PARTITIONS, clock),
                    cache.denylist(new RedisAccessTokenDenylist(jedis, prefix, clock)),
                    cache.tokenVersions(new RedisTokenVersionStore(jedis, prefix, Services.PARTITIONS, clock)), Optional.empty(), () -> {
                        cache.close();
                        pubSub.close();
                        subscriber.close();
                        Services.deleteRedisKeys(jedis, prefix);
                        jedis.close();
                    });
        }

        @Override
        Optional<CheckRun.Target> checkTarget() {
            return Optional.of(new CheckRun.Target(1.3, false));
        }
    },

    REDIS_STRICT("Redis strict") {
        @Override
        Stores open(Clock clock, EngineMonitor monitor) {
            return redisStrict(RedisClient.create(Services.redisUri()), Services.randomPrefix(), clock);
        }

        @Override
        Optional<CheckRun.Target> checkTarget() {
            return Optional.of(new CheckRun.Target(1.2, true));
        }
    },

    POSTGRESQL("PostgreSQL") {
        @Override
        Stores open(Clock clock, EngineMonitor monitor) {
            return jdbc(Services.postgresql(), clock);
        }
    },

    MARIADB("MariaDB") {
        @Override
        Stores open(Clock clock, EngineMonitor monitor) {
            return jdbc(Services.mariadb(), clock);
        }
    };

    private final String label;

    Backend(String label) {
        this.label = label;
    }

    /** The name in the report. */
    String label() {
        return label;
    }

    /** Stores of this kind on {@code clock}, under a fresh prefix. */
    Stores open(Clock clock) {
        return open(clock, EngineMonitor.NONE);
    }

    /** {@link #open(Clock)}, a near cache reporting to {@code monitor}. */
    abstract Stores open(Clock clock, EngineMonitor monitor);

    /**
     * Strict Redis stores over {@code jedis} under {@code prefix}, the bearer check in one round trip
     * ({@code RedisTokenVersionStore::refuses}); the cleanup deletes the prefix's keys and closes the client.
     */
    static Stores redisStrict(RedisClient jedis, String prefix, Clock clock) {
        RedisTokenVersionStore versions = new RedisTokenVersionStore(jedis, prefix, Services.PARTITIONS, clock);
        return new Stores(new RedisSessionStore(jedis, prefix, Services.PARTITIONS, clock), new RedisPersistentTokenStore(jedis, prefix, Services.PARTITIONS, clock),
                new RedisAccessTokenDenylist(jedis, prefix, clock), versions, Optional.of(versions::refuses), () -> {
            Services.deleteRedisKeys(jedis, prefix);
            jedis.close();
        });
    }

    /**
     * JDBC stores in fresh tables, over one reused connection (what a pool hands a single thread);
     * the cleanup drops the tables.
     */
    static Stores jdbc(DataSource dataSource, Clock clock) {
        return jdbc(dataSource, JdbcSchema.of(dataSource, Services.randomPrefix() + "_"), clock);
    }

    /** {@link #jdbc(DataSource, Clock)} in the tables of {@code setup} (on {@code dataSource}), which it creates and drops. */
    static Stores jdbc(DataSource dataSource, JdbcSchema setup, Clock clock) {
        setup.createIfMissing();
        try {
            ReusedConnection pooled = new ReusedConnection(dataSource);
            JdbcSchema schema = JdbcSchema.of(pooled, setup.tablePrefix());
            return new Stores(new JdbcSessionStore(schema, clock), new JdbcPersistentTokenStore(schema, clock),
                    new JdbcAccessTokenDenylist(schema, clock), new JdbcTokenVersionStore(schema, clock), Optional.empty(), () -> {
                try {
                    pooled.close();
                } catch (SQLException e) {
                    System.err.println("closing the benchmark connection failed: " + e);
                }
                setup.drop();
            });
        } catch (SQLException | RuntimeException e) {
            setup.drop();
            throw new IllegalStateException("cannot open " + setup.dialectName(), e);
        }
    }

    /** Whether the issue sets the HTTP target (guard ≥ 0.90 × unguarded throughput) on this store. */
    boolean httpTarget() {
        return this == MEMORY || this == REDIS_NEAR;
    }

    /** The target for {@code engine.check} on this set-up, if it sets one. */
    Optional<CheckRun.Target> checkTarget() {
        return Optional.empty();
    }

    /**
     * The four stores of one set-up, and what removes their data and connections.
     *
     * @param sessions the session store
     * @param tokens   the refresh and remember-me token store
     * @param denylist the access-token denylist
     * @param versions the per-user token versions
     * @param check    the stores' one-round-trip bearer check, when they offer one
     * @param cleanup  drops this run's tables or keys and closes connections
     */
    record Stores(SessionStore sessions, PersistentTokenStore tokens, AccessTokenDenylist denylist,
                  TokenVersionStore versions, Optional<Predicate<AccessTokenClaims>> check, Cleanup cleanup)
            implements AutoCloseable {

        /** An engine over these stores with no listeners (no audit line per logout in the timings). */
        LogoutEngine engine(Clock clock) {
            return engine(clock, EngineMonitor.NONE);
        }

        /** {@link #engine(Clock)} reporting to {@code monitor}. */
        LogoutEngine engine(Clock clock, EngineMonitor monitor) {
            LogoutEngine.Builder builder = LogoutEngine.builder().sessionStore(sessions).persistentTokenStore(tokens)
                    .accessTokenDenylist(denylist).tokenVersionStore(versions).noListeners().clock(clock).secretKey(Services.secret())
                    .monitor(monitor);
            check.ifPresent(builder::accessTokenCheck);
            return builder.build();
        }

        @Override
        public void close() {
            cleanup.run();
        }
    }

    /** Removes what a set-up created; a failure is reported, never thrown past the report. */
    @FunctionalInterface
    interface Cleanup {
        void run();
    }
}
