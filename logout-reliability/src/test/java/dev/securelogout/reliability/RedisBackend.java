package dev.securelogout.reliability;

import dev.securelogout.core.credential.PartitionKey;
import dev.securelogout.redis.RedisAccessTokenDenylist;
import dev.securelogout.redis.RedisNearCache;
import dev.securelogout.redis.RedisPersistentTokenStore;
import dev.securelogout.redis.RedisPubSub;
import dev.securelogout.redis.RedisSessionStore;
import dev.securelogout.redis.RedisTokenVersionStore;
import dev.securelogout.testkit.services.RedisServerProcess;
import java.time.Clock;
import java.time.Duration;
import redis.clients.jedis.RedisClient;

/**
 * One application node on the Redis stores as the module's README wires them: a near cache (one
 * second staleness) fed by pub/sub on a client of its own, over a test-owned {@link RedisServerProcess}. A
 * fault is SIGKILL of the server; the end of it, a restart on the same port.
 */
final class RedisBackend implements Backend {

    /** The near cache's staleness bound: the longest a node may answer from a cache that missed an invalidation. */
    static final Duration STALENESS = RedisNearCache.DEFAULT_STALENESS;
    static final String PREFIX = "reliability";
    private static final PartitionKey PARTITIONS = PartitionKey.of(App.SECRET);

    private final RedisServerProcess server;
    private final boolean appendOnly;
    private final boolean ownsServer;
    private final RedisClient jedis;
    private final RedisPubSub pubSub;
    private final RedisNearCache cache;
    private final Stores stores;

    /** A node on a new server of its own. */
    RedisBackend(Clock clock, boolean appendOnly) {
        this(RedisServerProcess.start("--appendonly", appendOnly ? "yes" : "no", "--appendfsync", "always"), appendOnly, true, clock);
    }

    private RedisBackend(RedisServerProcess server, boolean appendOnly, boolean ownsServer, Clock clock) {
        this.server = server;
        this.appendOnly = appendOnly;
        this.ownsServer = ownsServer;
        this.jedis = RedisClient.create("127.0.0.1", server.port());
        this.pubSub = RedisPubSub.start(RedisClient.create("127.0.0.1", server.port()), PREFIX);
        this.cache = RedisNearCache.builder(pubSub).staleness(STALENESS).clock(clock).build();
        this.stores = new Stores(cache.sessions(new RedisSessionStore(jedis, PREFIX, PARTITIONS, clock)),
                new RedisPersistentTokenStore(jedis, PREFIX, PARTITIONS, clock),
                cache.denylist(new RedisAccessTokenDenylist(jedis, PREFIX, clock)),
                cache.tokenVersions(new RedisTokenVersionStore(jedis, PREFIX, PARTITIONS, clock)));
    }

    /** Another node over the same server, with a near cache of its own. */
    RedisBackend anotherNode(Clock clock) {
        return new RedisBackend(server, appendOnly, false, clock);
    }

    /** Whether the pub/sub subscription that keeps the near cache honest is up. */
    boolean subscribed() {
        return pubSub.isConnected();
    }

    @Override
    public String name() {
        return appendOnly ? "redis-aof" : "redis-volatile";
    }

    @Override
    public boolean durable() {
        return appendOnly;
    }

    @Override
    public Stores stores() {
        return stores;
    }

    @Override
    public long footprint() {
        return server.keyCount();
    }

    @Override
    public void down() {
        server.kill();
    }

    @Override
    public void up() {
        server.start();
    }

    @Override
    public void close() {
        cache.close();
        pubSub.close();
        jedis.close();
        if (ownsServer) {
            server.close();
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
