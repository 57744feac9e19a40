package dev.securelogout.redis;

import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.tck.SessionNotifierContract;
import dev.securelogout.tck.http.Poll;
import dev.securelogout.testkit.services.Services;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import redis.clients.jedis.RedisClient;

/** The Redis notifier passes the contract, notices crossing from one node's subscription to another's. */
class RedisSessionNotifierIT extends SessionNotifierContract {

    private static final RedisClient JEDIS = Services.redis();
    private static final String PREFIX = Services.randomPrefix("tst-");
    private final Map<SessionNotifier, RedisPubSub> pubSubs = new ConcurrentHashMap<>();

    @Override
    protected SessionNotifier createNotifier() {
        RedisPubSub pubSub = RedisPubSub.start(Services.redis(), PREFIX);
        Poll.until(Duration.ofSeconds(5), pubSub::isConnected);
        RedisSessionNotifier notifier = new RedisSessionNotifier(pubSub);
        pubSubs.put(notifier, pubSub);
        return notifier;
    }

    @Override
    protected SessionNotifier createPeer() {
        return createNotifier();
    }

    @Override
    protected void close(SessionNotifier notifier) {
        ((RedisSessionNotifier) notifier).close();
        RedisPubSub pubSub = pubSubs.remove(notifier);
        pubSub.close();
        pubSub.jedis().close();
    }

    @AfterAll
    static void closeClient() {
        JEDIS.close();
    }
}
