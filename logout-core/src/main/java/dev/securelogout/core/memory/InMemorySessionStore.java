package dev.securelogout.core.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.internal.AdvancingTicker;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.session.Registration;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.spi.SessionExpiryListener;
import dev.securelogout.core.spi.SessionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * the sessions (a rare call, on one node). Every expired session is reported to {@link #onExpiry}'s
 * listeners.
 *
 * <p>{@link #find}, the per-request check, reads a plain {@code ConcurrentHashMap} that mirrors the
 * cache and checks the deadline at the caller's time: a Caffeine lookup costs a ticker read and a few
 * virtual calls more than a map get, as much again as the rest of the store's part of a check.
 * Caffeine keeps the timer wheel that expires each session at its deadline. The mirror is written
 * only inside Caffeine's atomic section for the key, or after Caffeine removed the key, so it never
 * holds a session the cache no longer has for longer than that removal takes. The cache's ticker
 * reads no clock: every write advances it to the time the write reads. Thread-safe.
 */
final class InMemorySessionStore implements SessionStore {

    /** Caffeine's maintenance and the drain of expired sessions run here. */
    private static final Executor DRAINER = ForkJoinPool.commonPool();

    private final AdvancingTicker ticker;
    private final Cache<CredentialKey, Session> sessions;
    /** The sessions as the cache holds them, for {@link #find}. */
    private final ConcurrentHashMap<CredentialKey, Session> live = new ConcurrentHashMap<>();
    /** user id → keys of that user's sessions; each set is only touched inside compute of its user. */
    private final ConcurrentHashMap<String, Set<CredentialKey>> byUser = new ConcurrentHashMap<>();
    private final List<SessionExpiryListener> expiryListeners = new CopyOnWriteArrayList<>();
    /** Sessions Caffeine evicted, until {@link #drain()} unindexes and reports them. */
    private final Queue<Session> expired = new ConcurrentLinkedQueue<>();
    /** Whether a drain is scheduled and has not started yet. */
    private final AtomicBoolean draining = new AtomicBoolean();

    InMemorySessionStore(Clock clock) {
        this.ticker = new AdvancingTicker(Objects.requireNonNull(clock, "clock"));
        // an eviction listener, unlike a removal listener, costs an explicit delete nothing; it runs
        // inside Caffeine's atomic section, where register may be waiting on it while holding the
        // user's index bin, so it only queues the session for drain() on another thread
        this.sessions = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfter(new ClockExpiry<CredentialKey, Session>(Session::expiresAt))
                .executor(DRAINER)
                .evictionListener((@Nullable CredentialKey key, @Nullable Session session, RemovalCause cause) -> {
                    if (session != null) {
                        live.remove(session.key(), session);
                        expired.add(session);
                        if (draining.compareAndSet(false, true)) {
                            DRAINER.execute(this::drain);
                        }
                    }
                })
                .build();
    }

    /** Unindexes the expired sessions queued by the eviction listener and reports each to the expiry listeners. */
    private void drain() {
        draining.set(false);
        for (Session session = expired.poll(); session != null; session = expired.poll()) {
            unindex(session.userId(), session.key());
            SessionExpiryListener.report(expiryListeners, session);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Reports every session Caffeine expires: its maintenance, which any write to this store
     * runs, removes sessions past their deadline; each is reported once, shortly after, on
     * Caffeine's executor (the common fork-join pool). A delete that finds its session already
     * past its deadline reports it too, since it was not active.
     */
    @Override
    public void onExpiry(SessionExpiryListener listener) {
        expiryListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public Registration register(Session session, SessionLimit limit) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(limit, "limit");
        Registration[] result = {Registration.stored()};
        Instant now = ticker.advance();
        byUser.compute(session.userId(), (user, keys) -> {
            Set<CredentialKey> set = keys == null ? new HashSet<>() : keys;
            List<Session> active = active(set, now);
            int excess = active.size() + 1 - limit.maximum();
            if (excess > 0 && limit.onExceed() == SessionLimit.OnExceed.REFUSE) {
                result[0] = Registration.refused();
                return set.isEmpty() ? null : set;
            }
            boolean[] exists = {false};
            sessions.asMap().compute(session.key(), (k, old) -> {
                if (old != null) {
                    exists[0] = true;
                    return old;
                }
                live.put(k, session); // inside the cache's atomic section, before its eviction can see the session
                return session;
            });
            if (exists[0]) {
                throw new IllegalStateException("a session with this key exists");
            }
            List<Session> evicted = new ArrayList<>();
            if (excess > 0) {
                active.sort(Comparator.comparing(Session::lastActiveAt).thenComparing(Session::handle));
                for (Session oldest : active.subList(0, excess)) {
                    remove(oldest.key());
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
        return find(key, ticker.advance());
    }

    /** Checks the deadline once, at {@code now}. */
    @Override
    public Optional<Session> find(CredentialKey key, Instant now) {
        // the mirror, not the cache: no ticker read, and no read recorded (recording would hand
        // Caffeine's maintenance to another thread every few reads, an unpark on every request's path)
        Session session = live.get(key);
        return session != null && session.isActiveAt(now) ? Optional.of(session) : Optional.empty();
    }

    @Override
    public List<Session> findByUser(String userId) {
        List<Session> found = new ArrayList<>();
        byUser.computeIfPresent(userId, (user, keys) -> {
            found.addAll(active(keys, ticker.advance()));
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
        Instant now = ticker.advance();
        boolean[] updated = {false};
        sessions.asMap().computeIfPresent(key, (k, session) -> {
            if (!session.isActiveAt(now)) {
                return session;
            }
            updated[0] = true;
            Session changed = change.apply(session);
            live.put(k, changed);
            return changed;
        });
        return updated[0];
    }

    @Override
    public Optional<Session> delete(CredentialKey key) {
        Instant now = ticker.advance();
        Session removed = remove(key);
        if (removed == null) {
            return Optional.empty();
        }
        unindex(removed.userId(), key);
        return removed.isActiveAt(now) ? Optional.of(removed) : Optional.empty();
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
        Instant now = ticker.advance();
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
                remove(key);
                if (session.isActiveAt(now)) {
                    deleted.add(session);
                }
                return true;
            });
            return keys.isEmpty() ? null : keys;
        });
        return deleted;
    }

    /** How many sessions {@link #find}'s mirror holds, expired or not (for tests: it must not outlive the cache's). */
    int mirrored() {
        return live.size();
    }

    /** Removes {@code key}'s session from the cache, then from the mirror; the cache's answer. */
    private @Nullable Session remove(CredentialKey key) {
        Session removed = sessions.asMap().remove(key);
        live.remove(key);
        return removed;
    }

    private void unindex(String userId, CredentialKey key) {
        byUser.computeIfPresent(userId, (user, keys) -> {
            keys.remove(key);
            return keys.isEmpty() ? null : keys;
        });
    }
}
