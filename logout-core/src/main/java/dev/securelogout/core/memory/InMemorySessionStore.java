package dev.securelogout.core.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default {@link SessionStore}: sessions in a Caffeine cache that expires each one at
 * its own deadline, plus a per-user index. For one node; nothing survives a restart (every user is
 * logged out, which is the safe direction).
 *
 * <p>Every change to a user's sessions runs inside that user's entry of the index, so a delete-all
 * and a register of the same user are serialised. Thread-safe.
 */
public final class InMemorySessionStore implements SessionStore {

    private final Clock clock;
    private final Cache<CredentialKey, Session> sessions;
    /** user id → keys of that user's sessions; each set is only touched inside compute of its user. */
    private final ConcurrentHashMap<String, Set<CredentialKey>> byUser = new ConcurrentHashMap<>();

    /** A store whose expiry follows {@code clock}. */
    public InMemorySessionStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sessions = Caffeine.newBuilder()
                .ticker(ClockExpiry.ticker(clock))
                .expireAfter(new ClockExpiry<CredentialKey, Session>(clock, Session::expiresAt))
                .removalListener((CredentialKey key, Session session, RemovalCause cause) -> {
                    if (cause.wasEvicted() && key != null && session != null) {
                        unindex(session.userId(), key);
                    }
                })
                .build();
    }

    @Override
    public void register(Session session) {
        Objects.requireNonNull(session, "session");
        byUser.compute(session.userId(), (user, keys) -> {
            if (sessions.asMap().putIfAbsent(session.key(), session) != null) {
                throw new IllegalStateException("a session with this key exists");
            }
            Set<CredentialKey> set = keys == null ? new HashSet<>() : keys;
            set.add(session.key());
            return set;
        });
    }

    @Override
    public Optional<Session> find(CredentialKey key) {
        // quietly: a read changes no expiry here, and recording it would hand Caffeine's maintenance
        // to another thread every few reads (an unpark on the hot path of every request)
        Session session = sessions.policy().getIfPresentQuietly(key);
        return session != null && session.isActiveAt(clock.instant()) ? Optional.of(session) : Optional.empty();
    }

    @Override
    public List<Session> findByUser(String userId) {
        List<Session> active = new ArrayList<>();
        Instant now = clock.instant();
        byUser.computeIfPresent(userId, (user, keys) -> {
            keys.removeIf(key -> {
                Session session = sessions.getIfPresent(key);
                if (session != null && session.isActiveAt(now)) {
                    active.add(session);
                    return false;
                }
                return session == null;
            });
            return keys.isEmpty() ? null : keys;
        });
        return active;
    }

    @Override
    public boolean touch(CredentialKey key, Instant lastActiveAt) {
        Instant now = clock.instant();
        boolean[] touched = {false};
        sessions.asMap().computeIfPresent(key, (k, session) -> {
            if (!session.isActiveAt(now)) {
                return session;
            }
            touched[0] = true;
            return lastActiveAt.isAfter(session.lastActiveAt()) ? session.touchedAt(lastActiveAt) : session;
        });
        return touched[0];
    }

    @Override
    public boolean delete(CredentialKey key) {
        Session removed = sessions.asMap().remove(key);
        if (removed == null) {
            return false;
        }
        unindex(removed.userId(), key);
        return removed.isActiveAt(clock.instant());
    }

    @Override
    public int deleteAllOfUser(String userId, Optional<CredentialKey> keep) {
        Instant now = clock.instant();
        int[] deleted = {0};
        byUser.computeIfPresent(userId, (user, keys) -> {
            keys.removeIf(key -> {
                if (keep.isPresent() && keep.get().equals(key)) {
                    return false;
                }
                Session removed = sessions.asMap().remove(key);
                if (removed != null && removed.isActiveAt(now)) {
                    deleted[0]++;
                }
                return true;
            });
            return keys.isEmpty() ? null : keys;
        });
        return deleted[0];
    }

    private void unindex(String userId, CredentialKey key) {
        byUser.computeIfPresent(userId, (user, keys) -> {
            keys.remove(key);
            return keys.isEmpty() ? null : keys;
        });
    }
}
