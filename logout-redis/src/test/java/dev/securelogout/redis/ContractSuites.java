package dev.securelogout.redis;

import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.tck.AccessTokenDenylistContract;
import dev.securelogout.tck.MutableClock;
import dev.securelogout.tck.PersistentTokenStoreContract;
import dev.securelogout.tck.SessionStoreContract;
import dev.securelogout.tck.TokenVersionStoreContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import redis.clients.jedis.UnifiedJedis;

/**
 * Every store contract of logout-tck against every Redis store, strict and behind a near cache, on
 * the Redis a subclass provides (standalone or Cluster), under the subclass's key prefix.
 */
abstract class ContractSuites {

    /** The client the stores use. */
    abstract UnifiedJedis jedis();

    /** A new client of its own for a near cache's subscription; closed with the subscription. */
    abstract UnifiedJedis newSubscriptionClient();

    /** The key prefix of this run. */
    abstract String prefix();

    /** The near caches opened by the current test, closed after it. */
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** A near cache on {@code clock}, subscribed before it is returned, closed after the test. */
    RedisNearCache nearCache(MutableClock clock) {
        UnifiedJedis client = newSubscriptionClient();
        RedisPubSub pubSub = RedisPubSub.start(client, prefix(), Duration.ofMillis(100));
        RedisNearCache cache = RedisNearCache.builder(pubSub).clock(clock).build();
        opened.add(() -> {
            cache.close();
            pubSub.close();
            client.close();
        });
        Poll.until(Duration.ofSeconds(5), pubSub::isConnected);
        return cache;
    }

    @AfterEach
    void closeNearCaches() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
        opened.clear();
    }

    @Nested
    @DisplayName("RedisSessionStore")
    class Sessions extends SessionStoreContract {
        @Override
        protected SessionStore createStore(MutableClock clock) {
            return new RedisSessionStore(jedis(), prefix(), clock);
        }
    }

    @Nested
    @DisplayName("RedisSessionStore behind the near cache")
    class CachedSessions extends SessionStoreContract {
        @Override
        protected SessionStore createStore(MutableClock clock) {
            return nearCache(clock).sessions(new RedisSessionStore(jedis(), prefix(), clock));
        }
    }

    @Nested
    @DisplayName("RedisPersistentTokenStore")
    class PersistentTokens extends PersistentTokenStoreContract {
        @Override
        protected PersistentTokenStore createStore(MutableClock clock) {
            return new RedisPersistentTokenStore(jedis(), prefix(), clock);
        }
    }

    @Nested
    @DisplayName("RedisAccessTokenDenylist")
    class Denylist extends AccessTokenDenylistContract {
        @Override
        protected AccessTokenDenylist createDenylist(MutableClock clock) {
            return new RedisAccessTokenDenylist(jedis(), prefix(), clock);
        }
    }

    @Nested
    @DisplayName("RedisAccessTokenDenylist behind the near cache")
    class CachedDenylist extends AccessTokenDenylistContract {
        @Override
        protected AccessTokenDenylist createDenylist(MutableClock clock) {
            return nearCache(clock).denylist(new RedisAccessTokenDenylist(jedis(), prefix(), clock));
        }
    }

    /** The namespace is declared new, as a deployment would: versions start at 0. */
    @Nested
    @DisplayName("RedisTokenVersionStore")
    class TokenVersions extends TokenVersionStoreContract {
        @Override
        protected TokenVersionStore createStore(MutableClock clock) {
            RedisTokenVersionStore.provisionNew(jedis(), prefix());
            return new RedisTokenVersionStore(jedis(), prefix(), clock);
        }
    }

    @Nested
    @DisplayName("RedisTokenVersionStore behind the near cache")
    class CachedTokenVersions extends TokenVersionStoreContract {
        @Override
        protected TokenVersionStore createStore(MutableClock clock) {
            RedisTokenVersionStore.provisionNew(jedis(), prefix());
            return nearCache(clock).tokenVersions(new RedisTokenVersionStore(jedis(), prefix(), clock));
        }
    }
}
