package dev.securelogout.core.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.session.Registration;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.spi.SessionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default {@link SessionStore}: sessions in a Caffeine cache that expires each one at
 * its own deadline, plus a per-user index. For one node; nothing survives a restart (every user is
 * logged out, which is the safe direction).
 *
 * <p>Every change to a user's sessions runs inside that user's entry of the index, so deletes,
 * registrations and the session limit of one user are serialised. Ending a provider session scans
 * the sessions (a rare call, on one node). Thread-safe.
 */
final class InMemorySessionStore implements SessionStore {

    private final Clock clock;
    private final Cache<CredentialKey, Session> sessions;
    /** user id → keys of that user's sessions; each set is only touched inside compute of its user. */
    private final ConcurrentHashMap<String, Set<CredentialKey>> byUser = new ConcurrentHashMap<>();

    InMemorySessionStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sessions = Caffeine.newBuilder()
                .ticker(ClockExpiry.ticker(clock))
                .expireAfter(new ClockExpiry<CredentialKey, Session>(clock, Session::expiresAt))
                .removalListener((@Nullable CredentialKey key, @Nullable Session session, RemovalCause cause) -> {
                    if (cause.wasEvicted() && key != null && session != null) {
                        unindex(session.userId(), key);
                    }
                })
                .build();
    }

    @Override
    public Registration register(Session session, SessionLimit limit) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(limit, "limit");
        Registration[] result = {Registration.stored()};
        Instant now = clock.instant();
        byUser.compute(session.userId(), (user, keys) -> {
            Set<CredentialKey> set = keys == null ? new HashSet<>() : keys;
            List<Session> active = active(set, now);
            int excess = active.size() + 1 - limit.maximum();
            if (excess > 0 && limit.onExceed() == SessionLimit.OnExceed.REFUSE) {
                result[0] = Registration.refused();
                return set.isEmpty() ? null : set;
            }
            if (sessions.asMap().putIfAbsent(session.key(), session) != null) {
                throw new IllegalStateException("a session with this key exists");
            }
            List<Session> evicted = new ArrayList<>();
            if (excess > 0) {
                active.sort(Comparator.comparing(Session::lastActiveAt).thenComparing(Session::handle));
                for (Session oldest : active.subList(0, excess)) {
                    sessions.asMap().remove(oldest.key());
                    set.remove(oldest.key());
                    evicted.add(oldest);
                }
            }
            set.add(session.key());
            result[0] = new Registration(true, evicted);
            return set;
        });
        return result[0];
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
        List<Session> found = new ArrayList<>();
        byUser.computeIfPresent(userId, (user, keys) -> {
            found.addAll(active(keys, clock.instant()));
            return keys.isEmpty() ? null : keys;
        });
        return found;
    }

    /** The active sessions under {@code keys}; drops the keys of sessions that are gone. */
    private List<Session> active(Set<CredentialKey> keys, Instant now) {
        List<Session> active = new ArrayList<>();
        keys.removeIf(key -> {
            Session session = sessions.getIfPresent(key);
            if (session != null && session.isActiveAt(now)) {
                active.add(session);
            }
            return session == null;
        });
        return active;
    }

    @Override
    public boolean touch(CredentialKey key, Instant lastActiveAt, String ip) {
        return update(key, session -> lastActiveAt.isAfter(session.lastActiveAt())
                ? session.touchedAt(lastActiveAt, ip) : session);
    }

    @Override
    public boolean reauthenticate(CredentialKey key, Instant at) {
        return update(key, session -> at.isAfter(session.authenticatedAt()) ? session.withAuthenticatedAt(at) : session);
    }

    /** Replaces the active session under {@code key} by {@code change} of it; false when there is none. */
    private boolean update(CredentialKey key, UnaryOperator<Session> change) {
        Instant now = clock.instant();
        boolean[] updated = {false};
        sessions.asMap().computeIfPresent(key, (k, session) -> {
            if (!session.isActiveAt(now)) {
                return session;
            }
            updated[0] = true;
            return change.apply(session);
        });
        return updated[0];
    }

    @Override
    public Optional<Session> delete(CredentialKey key) {
        Session removed = sessions.asMap().remove(key);
        if (removed == null) {
            return Optional.empty();
        }
        unindex(removed.userId(), key);
        return removed.isActiveAt(clock.instant()) ? Optional.of(removed) : Optional.empty();
    }

    @Override
    public List<Session> deleteDevice(String userId, String handle) {
        return deleteOfUser(userId, session -> session.handle().equals(handle));
    }

    @Override
    public int deleteAllOfUser(String userId, Optional<CredentialKey> keep) {
        return deleteOfUser(userId, session -> keep.isEmpty() || !keep.get().equals(session.key())).size();
    }

    @Override
    public List<Session> deleteByProviderSession(ProviderSession providerSession) {
        Objects.requireNonNull(providerSession, "providerSession");
        Set<String> users = new HashSet<>();
        sessions.asMap().values().forEach(session -> {
            if (session.provider().filter(providerSession::equals).isPresent()) {
                users.add(session.userId());
            }
        });
        List<Session> deleted = new ArrayList<>();
        for (String userId : users) {
            deleted.addAll(deleteOfUser(userId, session -> session.provider().filter(providerSession::equals).isPresent()));
        }
        return deleted;
    }

    /** Deletes the sessions of {@code userId} that {@code doomed} selects; returns the active ones removed. */
    private List<Session> deleteOfUser(String userId, Predicate<Session> doomed) {
        Instant now = clock.instant();
        List<Session> deleted = new ArrayList<>();
        byUser.computeIfPresent(userId, (user, keys) -> {
            keys.removeIf(key -> {
                Session session = sessions.getIfPresent(key);
                if (session == null) {
                    return true;
                }
                if (!doomed.test(session)) {
                    return false;
                }
                sessions.asMap().remove(key);
                if (session.isActiveAt(now)) {
                    deleted.add(session);
                }
                return true;
            });
            return keys.isEmpty() ? null : keys;
        });
        return deleted;
    }

    private void unindex(String userId, CredentialKey key) {
        byUser.computeIfPresent(userId, (user, keys) -> {
            keys.remove(key);
            return keys.isEmpty() ? null : keys;
        });
    }
}
