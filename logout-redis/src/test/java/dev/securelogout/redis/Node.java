package dev.securelogout.redis;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.tck.ContractKeys;
import dev.securelogout.tck.http.Poll;
import java.time.Clock;
import java.time.Duration;
import redis.clients.jedis.UnifiedJedis;

/**
 * One application node of a test: its own subscription, near cache (or none: strict, with the
 * one-round-trip bearer check) and engine over a Redis shared with the other nodes.
 */
final class Node implements AutoCloseable {

    final UnifiedJedis subscription;
    final RedisPubSub pubSub;
    final RedisNearCache cache;
    final RedisSessionNotifier notifier;
    final RedisSessionStore sessions;
    final RedisPersistentTokenStore tokens;
    final RedisTokenVersionStore versions;
    final LogoutEngine engine;

    Node(UnifiedJedis jedis, UnifiedJedis subscription, String prefix, Clock clock, boolean nearCache) {
        this.subscription = subscription;
        pubSub = RedisPubSub.start(subscription, prefix, Duration.ofMillis(200));
        Poll.until(Duration.ofSeconds(5), pubSub::isConnected);
        cache = RedisNearCache.builder(pubSub).clock(clock).staleness(Duration.ofSeconds(1)).build();
        notifier = new RedisSessionNotifier(pubSub);
        sessions = new RedisSessionStore(jedis, prefix, ContractKeys.PARTITIONS, clock);
        tokens = new RedisPersistentTokenStore(jedis, prefix, ContractKeys.PARTITIONS, clock);
        versions = new RedisTokenVersionStore(jedis, prefix, ContractKeys.PARTITIONS, clock);
        RedisAccessTokenDenylist denylist = new RedisAccessTokenDenylist(jedis, prefix, clock);
        LogoutEngine.Builder builder = LogoutEngine.builder()
                .sessionStore(nearCache ? cache.sessions(sessions) : sessions)
                .persistentTokenStore(tokens)
                .accessTokenDenylist(nearCache ? cache.denylist(denylist) : denylist)
                .tokenVersionStore(nearCache ? cache.tokenVersions(versions) : versions)
                .notifier(notifier)
                .clock(clock)
                .secretKey(ContractKeys.secret());
        if (!nearCache) {
            builder.accessTokenCheck(versions::refuses); // strict: the bearer check in one round trip
        }
        engine = builder.build();
    }

    @Override
    public void close() {
        notifier.close();
        cache.close();
        pubSub.close();
        subscription.close();
    }
}
