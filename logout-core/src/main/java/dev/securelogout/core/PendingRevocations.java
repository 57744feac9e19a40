package dev.securelogout.core;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.monitor.EngineMonitor;
import dev.securelogout.core.monitor.RevocationEvent;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.session.Registration;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionExpiryListener;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.Rotation;
import dev.securelogout.core.token.TokenKind;
import dev.securelogout.core.token.TokenState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocations that failed because a store was down, kept by decorators of the four stores: the
 * decorated store's revoking call still throws (the step fails and says so), but from then on the
 * decorators refuse on this node what the revocation covers, and the revocation is retried on its
 * own schedule until the store takes it. So a logout during an outage ends the session for good
 * when the store returns, instead of leaving a copied cookie valid until it times out. A session or
 * token revoked by its own credential is refused when presented before the store is asked, so the
 * refusal holds while the store, or a pooled connection broken by the outage, still fails. Other
 * nodes learn of it only through the store, when the retry succeeds; a restart of this node forgets it.
 *
 * <p><b>Bounds.</b> Each pending revocation is retried on its own (1 s, then doubling up to
 * {@link #MAX_DELAY}), so one that keeps failing never delays another. It is dropped, with an
 * INFO line, once what it revokes has expired anyway; with an ERROR line when it is older than the
 * configured maximum age, or failed with anything but a {@link StoreException} (it can never
 * succeed). Beyond the maximum ({@value #MAX_PENDING} for an engine) pending revocations a new one is dropped at once with an
 * ERROR line. A queued revocation is logged once at WARN.
 *
 * <p>Thread-safe; cheap when nothing is pending. Retries run on the given scheduler.
 */
final class PendingRevocations {

    /** The most revocations held at once by an engine. */
    static final int MAX_PENDING = 10_000;
    /** The first retry comes this long after the failure. */
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    /** Retries of one revocation come at most this far apart. */
    static final Duration MAX_DELAY = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(PendingRevocations.class);

    /**
     * One failed revocation.
     *
     * @param what     what it revokes, for the log (no credential, no user id)
     * @param queuedAt when it first failed
     * @param until    after this instant, what it revokes has expired anyway
     * @param retry    does it again; throws while the store is down
     * @param covers   what it refuses meanwhile
     */
    private record Pending(String what, Instant queuedAt, Instant until, Runnable retry, Covers covers) {
    }

    /**
     * What a pending revocation refuses on this node.
     *
     * @param keys     the presented credentials it refuses before any store call, so that a
     *                 credential ended during an outage is refused even while the store (or a
     *                 pooled connection to it) still fails
     * @param sessions the sessions it refuses
     * @param tokens   the refresh and remember-me tokens it refuses
     * @param denied   the access tokens it refuses
     * @param advance  the user and instant of a token-state advance it holds, when it is one
     */
    private record Covers(Predicate<CredentialKey> keys, Predicate<Session> sessions, Predicate<PersistentToken> tokens,
                          Predicate<AccessTokenId> denied, Optional<Advance> advance) {

        /** The session {@code key}: refused when presented, whatever the store says, and in a user's list. */
        static Covers session(CredentialKey key) {
            return new Covers(key::equals, s -> s.key().equals(key), none(), none(), Optional.empty());
        }

        /** The token {@code key}: refused when presented, whatever the store says, and in a user's list. */
        static Covers token(CredentialKey key) {
            return new Covers(key::equals, none(), t -> t.key().equals(key), none(), Optional.empty());
        }

        static Covers sessions(Predicate<Session> sessions) {
            return new Covers(none(), sessions, none(), none(), Optional.empty());
        }

        static Covers tokens(Predicate<PersistentToken> tokens) {
            return new Covers(none(), none(), tokens, none(), Optional.empty());
        }

        static Covers denied(AccessTokenId id) {
            return new Covers(none(), none(), none(), id::equals, Optional.empty());
        }

        static Covers advance(String userId, Instant notBefore) {
            return new Covers(none(), none(), none(), none(), Optional.of(new Advance(userId, notBefore)));
        }
    }

    private record Advance(String userId, Instant notBefore) {
    }

    private final Clock clock;
    private final int maxPending;
    private final ScheduledExecutorService scheduler;
    private final Duration maxAge;
    private final Duration sessionLifetime;
    private final Duration tokenLifetime;
    private final EngineMonitor monitor;
    private final Set<Pending> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    PendingRevocations(Clock clock, int maxPending, ScheduledExecutorService scheduler, Duration maxAge,
                       Duration sessionLifetime, Duration tokenLifetime) {
        this(clock, maxPending, scheduler, maxAge, sessionLifetime, tokenLifetime, EngineMonitor.NONE);
    }

    /** As above, reporting each revocation's changes to {@code monitor}. */
    PendingRevocations(Clock clock, int maxPending, ScheduledExecutorService scheduler, Duration maxAge,
                       Duration sessionLifetime, Duration tokenLifetime, EngineMonitor monitor) {
        this.monitor = monitor;
        this.clock = clock;
        this.maxPending = maxPending;
        this.scheduler = scheduler;
        this.maxAge = maxAge;
        this.sessionLifetime = sessionLifetime;
        this.tokenLifetime = tokenLifetime;
    }

    /** How many revocations are pending. */
    int size() {
        return pending.size();
    }

    /** Stops retrying: what is pending is dropped, with one ERROR line. */
    void close() {
        closed = true;
        int dropped = pending.size();
        pending.clear();
        if (dropped > 0) {
            LOG.error("engine closed with {} pending revocations: they are dropped and hold on no node", dropped);
        }
    }

    /** {@code store}, keeping and refusing its failed deletions. */
    SessionStore sessions(SessionStore store) {
        return new Sessions(store);
    }

    /** {@code store}, keeping and refusing its failed revocations. */
    PersistentTokenStore tokens(PersistentTokenStore store) {
        return new Tokens(store);
    }

    /** {@code store}, keeping and refusing its failed denials. */
    AccessTokenDenylist denylist(AccessTokenDenylist store) {
        return new Denylist(store);
    }

    /** {@code store}, keeping and applying its failed advances. */
    TokenVersionStore versions(TokenVersionStore store) {
        return new Versions(store);
    }

    // ---------------------------------------------------------------- queue and retries

    private <T> T attempt(Supplier<T> call, String what, Instant until, Covers covers) {
        try {
            return call.get();
        } catch (StoreException e) {
            add(new Pending(what, clock.instant(), until, call::get, covers));
            throw e;
        }
    }

    private void add(Pending revocation) {
        if (closed) {
            LOG.error("{} failed and is dropped: the engine is closed", revocation.what());
            monitor.revocation(RevocationEvent.DROPPED);
            return;
        }
        if (pending.size() >= maxPending) {
            LOG.error("{} failed and is dropped: {} revocations already pending; it holds on no node", revocation.what(), maxPending);
            monitor.revocation(RevocationEvent.DROPPED);
            return;
        }
        pending.add(revocation);
        monitor.revocation(RevocationEvent.QUEUED);
        LOG.warn("{} failed: refused on this node and retried until the store takes it ({} pending)", revocation.what(), pending.size());
        schedule(revocation, FIRST_DELAY);
    }

    private void schedule(Pending revocation, Duration delay) {
        try {
            scheduler.schedule(() -> retry(revocation, delay), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            pending.remove(revocation);
            LOG.error("{} is dropped: the engine is closed", revocation.what());
            monitor.revocation(RevocationEvent.DROPPED);
        }
    }

    private void retry(Pending revocation, Duration lastDelay) {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        if (!now.isBefore(revocation.until())) {
            pending.remove(revocation);
            LOG.info("pending {} no longer needed: what it revokes has expired", revocation.what());
            monitor.revocation(RevocationEvent.EXPIRED);
            return;
        }
        try {
            revocation.retry().run();
            LOG.info("pending {} done", revocation.what());
            pending.remove(revocation);
            monitor.revocation(RevocationEvent.RETRY_SUCCEEDED);
        } catch (StoreException e) {
            if (Duration.between(revocation.queuedAt(), now).compareTo(maxAge) >= 0) {
                LOG.error("pending {} dropped after {}: the store still fails ({}); it no longer holds on this node",
                        revocation.what(), maxAge, e.toString());
                pending.remove(revocation);
                monitor.revocation(RevocationEvent.DROPPED);
                return;
            }
            monitor.revocation(RevocationEvent.RETRY_FAILED);
            Duration next = lastDelay.multipliedBy(2);
            schedule(revocation, next.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : next);
        } catch (RuntimeException e) {
            pending.remove(revocation);
            LOG.error("pending {} dropped: it can never succeed ({})", revocation.what(), e.toString());
            monitor.revocation(RevocationEvent.DROPPED);
        }
    }

    private boolean refuses(CredentialKey key) {
        return !pending.isEmpty() && pending.stream().anyMatch(p -> p.covers().keys().test(key));
    }

    private boolean refuses(Session session) {
        return !pending.isEmpty() && pending.stream().anyMatch(p -> p.covers().sessions().test(session));
    }

    private boolean refuses(PersistentToken token) {
        return !pending.isEmpty() && pending.stream().anyMatch(p -> p.covers().tokens().test(token));
    }

    private boolean refuses(AccessTokenId id) {
        return !pending.isEmpty() && pending.stream().anyMatch(p -> p.covers().denied().test(id));
    }

    /**
     * Whether a pending revocation refuses a verified access token: a pending denial of its id or
     * of its grant, or a pending advance of its subject's state after it was issued. For a store's
     * combined check, which bypasses the decorators.
     */
    boolean refuses(AccessTokenClaims claims) {
        return !pending.isEmpty() && (refuses(claims.id())
                || claims.grant().isPresent() && refuses(AccessTokenId.ofGrant(claims.grant().get()))
                || pending.stream().anyMatch(p -> p.covers().advance()
                .filter(a -> a.userId().equals(claims.subject()) && claims.issuedAt().isBefore(a.notBefore())).isPresent()));
    }

    private static <T> Predicate<T> none() {
        return x -> false;
    }

    // ---------------------------------------------------------------- the decorators

    private final class Sessions implements SessionStore {
        private final SessionStore store;

        Sessions(SessionStore store) {
            this.store = store;
        }

        @Override
        public Registration register(Session session, SessionLimit limit) {
            return store.register(session, limit);
        }

        @Override
        public Optional<Session> find(CredentialKey key) {
            return refuses(key) ? Optional.empty() : store.find(key).filter(s -> !refuses(s));
        }

        @Override
        public Optional<Session> find(CredentialKey key, Instant now) {
            return refuses(key) ? Optional.empty() : store.find(key, now).filter(s -> !refuses(s));
        }

        @Override
        public List<Session> findByUser(String userId) {
            return store.findByUser(userId).stream().filter(s -> !refuses(s)).toList();
        }

        @Override
        public boolean touch(CredentialKey key, Instant lastActiveAt, String ip) {
            return store.touch(key, lastActiveAt, ip);
        }

        @Override
        public boolean reauthenticate(CredentialKey key, Instant at) {
            return store.reauthenticate(key, at);
        }

        @Override
        public Optional<Session> delete(CredentialKey key) {
            return attempt(() -> store.delete(key), "session deletion", until(), Covers.session(key));
        }

        @Override
        public List<Session> deleteDevice(String userId, String handle) {
            Instant at = clock.instant();
            return attempt(() -> store.deleteDevice(userId, handle), "device deletion", until(), Covers.sessions(
                    s -> s.userId().equals(userId) && s.handle().equals(handle) && !s.createdAt().isAfter(at)));
        }

        @Override
        public int deleteAllOfUser(String userId, Optional<CredentialKey> keep) {
            Instant at = clock.instant();
            return attempt(() -> store.deleteAllOfUser(userId, keep), "deletion of a user's sessions", until(), Covers.sessions(
                    s -> s.userId().equals(userId) && !s.createdAt().isAfter(at) && !keep.equals(Optional.of(s.key()))));
        }

        @Override
        public List<Session> deleteByProviderSession(ProviderSession providerSession) {
            Instant at = clock.instant();
            return attempt(() -> store.deleteByProviderSession(providerSession), "provider-session deletion", until(),
                    Covers.sessions(s -> s.provider().equals(Optional.of(providerSession)) && !s.createdAt().isAfter(at)));
        }

        @Override
        public void onExpiry(SessionExpiryListener listener) {
            store.onExpiry(listener);
        }

        private Instant until() {
            return clock.instant().plus(sessionLifetime);
        }
    }

    private final class Tokens implements PersistentTokenStore {
        private final PersistentTokenStore store;

        Tokens(PersistentTokenStore store) {
            this.store = store;
        }

        @Override
        public void issue(PersistentToken token) {
            store.issue(token);
        }

        @Override
        public Optional<PersistentToken> find(CredentialKey key) {
            return refuses(key) ? Optional.empty() : store.find(key).filter(t -> !refuses(t));
        }

        @Override
        public List<PersistentToken> findByUser(String userId) {
            return store.findByUser(userId).stream().filter(t -> !refuses(t)).toList();
        }

        /** Refuses a presented token a pending revocation covers; anything else is the store's rotation. */
        @Override
        public Rotation rotate(TokenKind kind, CredentialKey presented, CredentialKey successor, Instant now,
                               Duration timeToLive, Duration grace) {
            if (refuses(presented) || !pending.isEmpty() && store.find(presented).filter(PendingRevocations.this::refuses).isPresent()) {
                return Rotation.rejected();
            }
            return store.rotate(kind, presented, successor, now, timeToLive, grace);
        }

        @Override
        public Optional<PersistentToken> revokeFamilyOf(CredentialKey key) {
            return attempt(() -> store.revokeFamilyOf(key), "token family revocation", until(), Covers.token(key));
        }

        @Override
        public int revokeFamily(String userId, String familyId) {
            return attempt(() -> store.revokeFamily(userId, familyId), "token family revocation", until(),
                    Covers.tokens(t -> t.userId().equals(userId) && t.familyId().equals(familyId)));
        }

        @Override
        public int revokeAllOfUser(String userId) {
            Instant at = clock.instant();
            return attempt(() -> store.revokeAllOfUser(userId), "revocation of a user's tokens", until(),
                    Covers.tokens(t -> t.userId().equals(userId) && !t.familyIssuedAt().isAfter(at)));
        }

        private Instant until() {
            return clock.instant().plus(tokenLifetime);
        }
    }

    private final class Denylist implements AccessTokenDenylist {
        private final AccessTokenDenylist store;

        Denylist(AccessTokenDenylist store) {
            this.store = store;
        }

        @Override
        public void deny(AccessTokenId id, Instant until) {
            attempt(() -> {
                store.deny(id, until);
                return null;
            }, "access-token denial", until, Covers.denied(id));
        }

        @Override
        public boolean isDenied(AccessTokenId id) {
            return refuses(id) || store.isDenied(id);
        }
    }

    private final class Versions implements TokenVersionStore {
        private final TokenVersionStore store;

        Versions(TokenVersionStore store) {
            this.store = store;
        }

        /** The store's state, advanced once more for each of the user's pending advances. */
        @Override
        public TokenState tokenState(String userId) {
            TokenState state = store.tokenState(userId);
            if (pending.isEmpty()) {
                return state;
            }
            for (Pending p : pending) {
                Optional<Advance> advance = p.covers().advance();
                if (advance.isPresent() && advance.get().userId().equals(userId)) {
                    state = state.advancedTo(advance.get().notBefore());
                }
            }
            return state;
        }

        @Override
        public TokenState advance(String userId, Instant notBefore) {
            return attempt(() -> store.advance(userId, notBefore), "token-state advance",
                    clock.instant().plus(tokenLifetime), Covers.advance(userId, notBefore));
        }
    }
}
