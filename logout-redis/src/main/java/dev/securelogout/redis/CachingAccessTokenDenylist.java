package dev.securelogout.redis;

import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.token.AccessTokenId;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link RedisAccessTokenDenylist} behind a {@link RedisNearCache}: {@link #isDenied} answers from
 * the cache when it can (both answers are kept, a denial with its expiry: a denial cannot be
 * undone); a denial goes to Redis
 * and drops this node's entry before and after. Thread-safe.
 */
final class CachingAccessTokenDenylist implements AccessTokenDenylist {

    private final RedisNearCache cache;
    private final RedisAccessTokenDenylist denylist;

    CachingAccessTokenDenylist(RedisNearCache cache, RedisAccessTokenDenylist denylist) {
        this.cache = cache;
        this.denylist = denylist;
    }

    @Override
    public void deny(AccessTokenId id, Instant until) {
        cache.around(new Invalidation(Invalidation.Kind.DENIED, deniedKey(id)), () -> {
            denylist.deny(id, until);
            return null;
        });
    }

    @Override
    public boolean isDenied(AccessTokenId id) {
        Optional<Instant> until = cache.get(cache.denied, deniedKey(id), () -> denylist.deniedUntil(id), answer -> true);
        return until.isPresent() && cache.now().isBefore(until.get()); // the clock only for a denial
    }

    /** {@code id}'s denylist key, derived (a SHA-256) once per id while the near cache keeps it. */
    private String deniedKey(AccessTokenId id) {
        String key = RedisNearCache.hit(cache.deniedKeys, id);
        if (key == null) {
            key = denylist.deniedKey(id);
            cache.deniedKeys.put(id, key);
        }
        return key;
    }
}
