package dev.securelogout.redis;

import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.core.token.TokenState;
import java.time.Instant;

/**
 * {@link RedisTokenVersionStore} behind a {@link RedisNearCache}: {@link #tokenState} answers from
 * the cache when it can; an advance goes to Redis and drops this node's entries of the user's
 * partition before and after (other nodes hear of it over pub/sub). Thread-safe.
 */
final class CachingTokenVersionStore implements TokenVersionStore {

    private final RedisNearCache cache;
    private final RedisTokenVersionStore store;

    CachingTokenVersionStore(RedisNearCache cache, RedisTokenVersionStore store) {
        this.cache = cache;
        this.store = store;
    }

    @Override
    public TokenState tokenState(String userId) {
        // the partition (an HMAC) only on a miss: a hit is the per-request path
        return cache.get(cache.states, userId,
                () -> new RedisNearCache.CachedState(store.partitionOf(userId), store.tokenState(userId)), state -> true).state();
    }

    @Override
    public TokenState advance(String userId, Instant notBefore) {
        return cache.around(new Invalidation(Invalidation.Kind.USER, store.partitionOf(userId)),
                () -> store.advance(userId, notBefore));
    }
}
