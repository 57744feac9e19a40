package dev.securelogout.redis;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.spi.SessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RedisSessionStore} behind a {@link RedisNearCache}: {@link #find} answers from the cache
 * when it can; every change goes to Redis, and the ones that end sessions drop this node's entries
 * before and after (other nodes hear of it over pub/sub). Thread-safe.
 */
final class CachingSessionStore implements SessionStore {

    private final RedisNearCache cache;
    private final RedisSessionStore store;

    CachingSessionStore(RedisNearCache cache, RedisSessionStore store) {
        this.cache = cache;
        this.store = store;
    }

    @Override
    public void register(Session session) {
        store.register(session);
    }

    @Override
    public Optional<Session> find(CredentialKey key) {
        Session cached = cache.sessions.getIfPresent(key.digest());
        if (cached != null) {
            if (cached.isActiveAt(cache.now())) {
                return Optional.of(cached);
            }
            cache.sessions.invalidate(key.digest()); // its idle deadline passed here, but another node may have touched it
        }
        return Optional.ofNullable(cache.get(cache.sessions, key.digest(), () -> store.find(key).orElse(null), Objects::nonNull));
    }

    @Override
    public List<Session> findByUser(String userId) {
        return store.findByUser(userId);
    }

    @Override
    public boolean touch(CredentialKey key, Instant lastActiveAt) {
        boolean touched = store.touch(key, lastActiveAt);
        cache.invalidate(new Invalidation(Invalidation.Kind.SESSION, key.digest()));
        return touched;
    }

    @Override
    public boolean delete(CredentialKey key) {
        Invalidation invalidation = new Invalidation(Invalidation.Kind.SESSION, key.digest());
        cache.invalidate(invalidation);
        try {
            return store.delete(key);
        } finally {
            cache.invalidate(invalidation);
        }
    }

    @Override
    public int deleteAllOfUser(String userId, Optional<CredentialKey> keep) {
        Invalidation invalidation = new Invalidation(Invalidation.Kind.USER, Credential.partitionOf(userId));
        cache.invalidate(invalidation);
        try {
            return store.deleteAllOfUser(userId, keep);
        } finally {
            cache.invalidate(invalidation);
        }
    }
}
