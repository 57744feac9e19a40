package dev.securelogout.redis;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.session.Registration;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.spi.SessionExpiryListener;
import dev.securelogout.core.spi.SessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RedisSessionStore} behind a {@link RedisNearCache}: {@link #find} answers from the cache
 * when it can; every change goes to Redis, and the ones that end or change sessions drop this
 * node's entries before and after (other nodes hear of it over pub/sub). Thread-safe.
 */
final class CachingSessionStore implements SessionStore {

    private final RedisNearCache cache;
    private final RedisSessionStore store;

    CachingSessionStore(RedisNearCache cache, RedisSessionStore store) {
        this.cache = cache;
        this.store = store;
    }

    /** Drops the evicted sessions here as well; other nodes hear of it from the script. */
    @Override
    public Registration register(Session session, SessionLimit limit) {
        Registration registration = store.register(session, limit);
        registration.evicted().forEach(evicted -> cache.invalidate(session(evicted.key())));
        return registration;
    }

    @Override
    public Optional<Session> find(CredentialKey key) {
        return find(key, cache.now());
    }

    /** Checks a cached session's deadline once, at {@code now}; a miss asks Redis. */
    @Override
    public Optional<Session> find(CredentialKey key, Instant now) {
        Session cached = cache.lookup(cache.sessions, key.digest(), now);
        if (cached != null) {
            if (cached.isActiveAt(now)) {
                return Optional.of(cached);
            }
            cache.sessions.invalidate(key.digest()); // its idle deadline passed here, but another node may have touched it
        }
        return Optional.ofNullable(cache.get(cache.sessions, key.digest(), () -> store.find(key).orElse(null), Objects::nonNull))
                .filter(session -> session.isActiveAt(now));
    }

    @Override
    public List<Session> findByUser(String userId) {
        return store.findByUser(userId);
    }

    @Override
    public boolean touch(CredentialKey key, Instant lastActiveAt, String ip) {
        return cache.around(session(key), () -> store.touch(key, lastActiveAt, ip));
    }

    @Override
    public boolean reauthenticate(CredentialKey key, Instant at) {
        return cache.around(session(key), () -> store.reauthenticate(key, at));
    }

    @Override
    public Optional<Session> delete(CredentialKey key) {
        return cache.around(session(key), () -> store.delete(key));
    }

    @Override
    public List<Session> deleteDevice(String userId, String handle) {
        return cache.around(user(userId), () -> store.deleteDevice(userId, handle));
    }

    @Override
    public int deleteAllOfUser(String userId, Optional<CredentialKey> keep) {
        return cache.around(user(userId), () -> store.deleteAllOfUser(userId, keep));
    }

    /** Drops each ended session here as well; other nodes hear of it from the scripts. */
    @Override
    public List<Session> deleteByProviderSession(ProviderSession providerSession) {
        List<Session> deleted = store.deleteByProviderSession(providerSession);
        deleted.forEach(session -> cache.invalidate(session(session.key())));
        return deleted;
    }

    @Override
    public void onExpiry(SessionExpiryListener listener) {
        store.onExpiry(listener);
    }

    private static Invalidation session(CredentialKey key) {
        return new Invalidation(Invalidation.Kind.SESSION, key.digest());
    }

    private Invalidation user(String userId) {
        return new Invalidation(Invalidation.Kind.USER, store.partitionOf(userId));
    }
}
