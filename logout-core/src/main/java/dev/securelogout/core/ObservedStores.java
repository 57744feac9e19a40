package dev.securelogout.core;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.monitor.EngineMonitor;
import dev.securelogout.core.monitor.StoreOutcome;
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
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Decorators of the four stores, closest to them (under {@link PendingRevocations}): a sample of
 * the calls is timed for the {@link EngineMonitor} (only when one is set; see
 * {@link EngineMonitor#storeCalls}) and every failure feeds the
 * {@link StoreOutages} log; each store also gets a probe, a cheap read of a random key, for
 * {@link LogoutEngine#health()} and for ending an outage. Thread-safe.
 */
final class ObservedStores {

    /** The stores' names, in metrics, health and log lines. */
    static final String SESSIONS = "sessions";
    static final String TOKENS = "persistentTokens";
    static final String DENYLIST = "denylist";
    static final String VERSIONS = "tokenVersions";

    /** The start time of a call that is not a timed sample. */
    private static final long UNTIMED = Long.MIN_VALUE;

    private final EngineMonitor monitor;
    private final boolean timed;
    private final SecureRandom random;
    private final Map<String, Runnable> probes = new LinkedHashMap<>();
    private final StoreOutages outages;

    ObservedStores(EngineMonitor monitor, Clock clock, ScheduledExecutorService scheduler, SecureRandom random) {
        this.monitor = monitor;
        this.timed = monitor != EngineMonitor.NONE;
        this.random = random;
        this.outages = new StoreOutages(clock, scheduler);
    }

    /** The probe of each decorated store, by name, in the order they were decorated. */
    Map<String, Runnable> probes() {
        return Collections.unmodifiableMap(probes);
    }

    SessionStore sessions(SessionStore store) {
        return new Sessions(store, observer(SESSIONS, () -> store.find(randomKey())));
    }

    PersistentTokenStore tokens(PersistentTokenStore store) {
        return new Tokens(store, observer(TOKENS, () -> store.find(randomKey())));
    }

    AccessTokenDenylist denylist(AccessTokenDenylist store) {
        return new Denylist(store, observer(DENYLIST, () -> store.isDenied(new AccessTokenId("urn:secure-logout:probe", randomText()))));
    }

    TokenVersionStore versions(TokenVersionStore store) {
        return new Versions(store, observer(VERSIONS, () -> store.tokenState("secure-logout-probe-" + randomText())));
    }

    /** The stores' combined access-token check, timed and logged as the token-version store's {@code refuses}. */
    Predicate<AccessTokenClaims> accessTokenCheck(Predicate<AccessTokenClaims> refuses) {
        Observer observer = new Observer(VERSIONS);
        Operation operation = new Operation("refuses");
        return claims -> observer.call(operation, () -> refuses.test(claims));
    }

    private Observer observer(String name, Runnable probe) {
        probes.put(name, probe);
        outages.register(name, probe);
        return new Observer(name);
    }

    private CredentialKey randomKey() {
        byte[] partition = new byte[8];
        random.nextBytes(partition);
        return Credential.generate(Base64.getUrlEncoder().withoutPadding().encodeToString(partition), random).key();
    }

    private String randomText() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** One operation of a store: its name, and a count of its calls (racy: it only picks the samples). */
    private static final class Operation {
        final String name;
        int calls;
        int untimed;

        Operation(String name) {
            this.name = name;
        }
    }

    /** Feeds one store's outage log and, with a monitor, reports a sample of its calls, timed. */
    private final class Observer {
        private final String store;

        Observer(String store) {
            this.store = store;
        }

        <T> T call(Operation operation, Supplier<T> call) {
            long start = start(operation);
            try {
                T result = call.get();
                succeeded(operation, start);
                return result;
            } catch (StoreException e) {
                throw unavailable(operation, start, e);
            } catch (RuntimeException e) {
                throw failed(operation, start, e);
            }
        }

        /**
         * The first of {@link #call}'s steps, which the per-request {@code find} runs around its store
         * call itself (a lambda through {@code call}'s one shared, megamorphic call site costs that path
         * about a tenth): counts a call; its start time when it is a timed sample, else {@link #UNTIMED}.
         */
        long start(Operation operation) {
            if (!timed) {
                return UNTIMED;
            }
            int n = ++operation.calls;
            return n <= EngineMonitor.STORE_CALLS_TIMED || n % EngineMonitor.STORE_CALL_SAMPLE == 1 ? System.nanoTime() : UNTIMED;
        }

        /** A call that {@link #start started} at {@code start} succeeded: a timed sample stands for the untimed calls before it. */
        void succeeded(Operation operation, long start) {
            if (!timed) {
                return;
            }
            if (start == UNTIMED) {
                operation.untimed++;
                return;
            }
            int calls = operation.untimed + 1;
            operation.untimed = 0;
            monitor.storeCalls(store, operation.name, StoreOutcome.SUCCESS, System.nanoTime() - start, calls);
        }

        /** The store could not answer: logged in the outage log and counted; returns {@code e}, to be thrown. */
        StoreException unavailable(Operation operation, long start, StoreException e) {
            outages.failed(store, e);
            report(operation, start, StoreOutcome.UNAVAILABLE);
            return e;
        }

        /** The store failed otherwise (a bug, not an outage): counted; returns {@code e}, to be thrown. */
        RuntimeException failed(Operation operation, long start, RuntimeException e) {
            report(operation, start, StoreOutcome.ERROR);
            return e;
        }

        private void report(Operation operation, long start, StoreOutcome outcome) {
            if (timed) {
                monitor.storeCalls(store, operation.name, outcome, start == UNTIMED ? 0L : System.nanoTime() - start, 1);
            }
        }

        void run(Operation operation, Runnable call) {
            call(operation, () -> {
                call.run();
                return null;
            });
        }
    }

    private static final class Sessions implements SessionStore {
        private final SessionStore store;
        private final Observer observer;
        private final Operation register = new Operation("register");
        private final Operation find = new Operation("find");
        private final Operation findByUser = new Operation("findByUser");
        private final Operation touch = new Operation("touch");
        private final Operation reauthenticate = new Operation("reauthenticate");
        private final Operation delete = new Operation("delete");
        private final Operation deleteDevice = new Operation("deleteDevice");
        private final Operation deleteAllOfUser = new Operation("deleteAllOfUser");
        private final Operation deleteByProviderSession = new Operation("deleteByProviderSession");

        Sessions(SessionStore store, Observer observer) {
            this.store = store;
            this.observer = observer;
        }

        @Override
        public Registration register(Session session, SessionLimit limit) {
            return observer.call(register, () -> store.register(session, limit));
        }

        @Override
        public Optional<Session> find(CredentialKey key) {
            return observer.call(find, () -> store.find(key));
        }

        /** The per-request call: {@link Observer#call}'s steps around the store's call, without a lambda. */
        @Override
        public Optional<Session> find(CredentialKey key, Instant now) {
            long start = observer.start(find);
            try {
                Optional<Session> found = store.find(key, now);
                observer.succeeded(find, start);
                return found;
            } catch (StoreException e) {
                throw observer.unavailable(find, start, e);
            } catch (RuntimeException e) {
                throw observer.failed(find, start, e);
            }
        }

        @Override
        public List<Session> findByUser(String userId) {
            return observer.call(findByUser, () -> store.findByUser(userId));
        }

        @Override
        public boolean touch(CredentialKey key, Instant lastActiveAt, String ip) {
            return observer.call(touch, () -> store.touch(key, lastActiveAt, ip));
        }

        @Override
        public boolean reauthenticate(CredentialKey key, Instant at) {
            return observer.call(reauthenticate, () -> store.reauthenticate(key, at));
        }

        @Override
        public Optional<Session> delete(CredentialKey key) {
            return observer.call(delete, () -> store.delete(key));
        }

        @Override
        public List<Session> deleteDevice(String userId, String handle) {
            return observer.call(deleteDevice, () -> store.deleteDevice(userId, handle));
        }

        @Override
        public int deleteAllOfUser(String userId, Optional<CredentialKey> keep) {
            return observer.call(deleteAllOfUser, () -> store.deleteAllOfUser(userId, keep));
        }

        @Override
        public List<Session> deleteByProviderSession(ProviderSession providerSession) {
            return observer.call(deleteByProviderSession, () -> store.deleteByProviderSession(providerSession));
        }

        @Override
        public void onExpiry(SessionExpiryListener listener) {
            store.onExpiry(listener);
        }
    }

    private static final class Tokens implements PersistentTokenStore {
        private final PersistentTokenStore store;
        private final Observer observer;
        private final Operation issue = new Operation("issue");
        private final Operation find = new Operation("find");
        private final Operation findByUser = new Operation("findByUser");
        private final Operation rotate = new Operation("rotate");
        private final Operation revokeFamilyOf = new Operation("revokeFamilyOf");
        private final Operation revokeFamily = new Operation("revokeFamily");
        private final Operation revokeAllOfUser = new Operation("revokeAllOfUser");

        Tokens(PersistentTokenStore store, Observer observer) {
            this.store = store;
            this.observer = observer;
        }

        @Override
        public void issue(PersistentToken token) {
            observer.run(issue, () -> store.issue(token));
        }

        @Override
        public Optional<PersistentToken> find(CredentialKey key) {
            return observer.call(find, () -> store.find(key));
        }

        @Override
        public List<PersistentToken> findByUser(String userId) {
            return observer.call(findByUser, () -> store.findByUser(userId));
        }

        @Override
        public Rotation rotate(TokenKind kind, CredentialKey presented, CredentialKey successor, Instant now,
                               Duration timeToLive, Duration grace) {
            return observer.call(rotate, () -> store.rotate(kind, presented, successor, now, timeToLive, grace));
        }

        @Override
        public Optional<PersistentToken> revokeFamilyOf(CredentialKey key) {
            return observer.call(revokeFamilyOf, () -> store.revokeFamilyOf(key));
        }

        @Override
        public int revokeFamily(String userId, String familyId) {
            return observer.call(revokeFamily, () -> store.revokeFamily(userId, familyId));
        }

        @Override
        public int revokeAllOfUser(String userId) {
            return observer.call(revokeAllOfUser, () -> store.revokeAllOfUser(userId));
        }
    }

    private static final class Denylist implements AccessTokenDenylist {
        private final AccessTokenDenylist store;
        private final Observer observer;
        private final Operation deny = new Operation("deny");
        private final Operation isDenied = new Operation("isDenied");

        Denylist(AccessTokenDenylist store, Observer observer) {
            this.store = store;
            this.observer = observer;
        }

        @Override
        public void deny(AccessTokenId id, Instant until) {
            observer.run(deny, () -> store.deny(id, until));
        }

        @Override
        public boolean isDenied(AccessTokenId id) {
            return observer.call(isDenied, () -> store.isDenied(id));
        }
    }

    private static final class Versions implements TokenVersionStore {
        private final TokenVersionStore store;
        private final Observer observer;
        private final Operation tokenState = new Operation("tokenState");
        private final Operation advance = new Operation("advance");

        Versions(TokenVersionStore store, Observer observer) {
            this.store = store;
            this.observer = observer;
        }

        @Override
        public TokenState tokenState(String userId) {
            return observer.call(tokenState, () -> store.tokenState(userId));
        }

        @Override
        public TokenState advance(String userId, Instant notBefore) {
            return observer.call(advance, () -> store.advance(userId, notBefore));
        }
    }
}
