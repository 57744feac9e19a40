package dev.securelogout.tck;

import static dev.securelogout.tck.Users.newUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutRequest;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.event.LogoutScope;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.session.Registration;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.tck.http.Poll;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} must do. Extend it with one hook and the whole contract runs
 * against your store:
 *
 * <pre>{@code
 * class MyStoreTest extends SessionStoreContract {
 *     protected SessionStore createStore(MutableClock clock) { return new MyStore(dataSource, clock); }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh clock and store. Stores keep instants at millisecond precision at
 * least; user ids may hold any characters. Time only moves by {@link MutableClock#advance}.
 */
public abstract class SessionStoreContract {

    /** For subclasses, one per implementation under test. */
    protected SessionStoreContract() {
    }

    /** Idle timeout of the sessions the tests register. */
    protected static final Duration IDLE = Duration.ofMinutes(30);
    /** Absolute lifetime of the sessions the tests register. */
    protected static final Duration ABSOLUTE = Duration.ofHours(12);

    /** The client address the tests touch sessions from. */
    protected static final String SEEN_IP = "198.51.100.23";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The clock the store under test was built with. */
    protected MutableClock clock;
    /** The store under test. */
    protected SessionStore store;

    /**
     * Builds the store under test on {@code clock}: a fresh, empty store (or namespace).
     *
     * @param clock the clock that tells the time
     * @return the session store
     */
    protected abstract SessionStore createStore(MutableClock clock);

    @BeforeEach
    void createFreshStore() {
        clock = MutableClock.startingNow();
        store = createStore(clock);
    }


    /**
     * A new active session of {@code userId}, created now, whose every field differs from its
     * neighbours' (authenticated before it was created, last seen elsewhere than it signed in).
     *
     * @param userId the user's id
     * @return the session
     */
    protected Session newSession(String userId) {
        return newSession(userId, randomHandle(), Optional.empty());
    }

    /**
     * A new active session of {@code userId} on the device {@code handle}, from {@code provider}.
     *
     * @param userId the user's id
     * @param handle the session's handle
     * @param provider the provider
     * @return a new active session of {@code userId} on the device {@code handle}, from {@code provider}
     */
    protected Session newSession(String userId, String handle, Optional<ProviderSession> provider) {
        Instant now = clock.instant();
        return new Session(ContractKeys.newKey(userId), handle, userId, now, now, now.plus(ABSOLUTE), IDLE,
                Device.of("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 ✓", "2001:db8::1"),
                now.minus(Duration.ofMinutes(7)), "203.0.113.9", provider);
    }

    /**
     * A random device handle.
     *
     * @return a random device handle
     */
    protected static String randomHandle() {
        byte[] handle = new byte[16];
        RANDOM.nextBytes(handle);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(handle);
    }

    /**
     * Registers a new session of {@code userId} and returns it.
     *
     * @param userId the user's id
     * @return the session
     */
    protected Session registered(String userId) {
        return stored(newSession(userId));
    }

    /**
     * Registers {@code session} without a limit and returns it.
     *
     * @param session the session
     * @return the session
     */
    protected Session stored(Session session) {
        store.register(session, SessionLimit.NONE);
        return session;
    }

    /**
     * Lets the store observe that {@code expired}, now past its deadline, expired, as it would in
     * production; called again and again until the store reports it. The default looks the session
     * up and registers and deletes another user's session (a write, which runs an embedded cache's
     * housekeeping); a store that purges on a schedule overrides it to run its purge.
     *
     * @param expired the session past its deadline
     */
    protected void observeExpiry(Session expired) {
        store.find(expired.key());
        store.delete(registered(newUser()).key());
    }

    private Set<CredentialKey> keysOf(String userId) {
        return store.findByUser(userId).stream().map(Session::key).collect(Collectors.toSet());
    }

    @Nested
    @DisplayName("register and find")
    class RegisterAndFind {

        @Test
        @DisplayName("a registered session is found by its key, every field intact")
        void registeredSessionIsFound() {
            Session session = registered(newUser());
            assertEquals(Optional.of(session), store.find(session.key()));
        }

        @Test
        @DisplayName("an unknown key finds nothing")
        void unknownKeyFindsNothing() {
            registered(newUser());
            assertEquals(Optional.empty(), store.find(newSession(newUser()).key()));
        }

        @Test
        @DisplayName("find at an instant returns the session only while it is active at that instant")
        void findAtAnInstant() {
            Session session = registered(newUser());
            Instant now = clock.instant();
            assertEquals(Optional.of(session), store.find(session.key(), now));
            assertEquals(Optional.of(session), store.find(session.key(), session.expiresAt().minusMillis(1)));
            assertEquals(Optional.empty(), store.find(session.key(), session.expiresAt()));
            assertEquals(Optional.empty(), store.find(newSession(newUser()).key(), now));
            assertEquals(Optional.of(session), store.find(session.key()), "a later instant changes nothing stored");
        }

        @Test
        @DisplayName("registering a key twice fails and keeps the first session")
        void duplicateKeyIsRefused() {
            Session first = registered(newUser());
            Session impostor = new Session(first.key(), "other-handle-0000000000", first.userId(), first.createdAt(),
                    first.lastActiveAt(), first.absoluteExpiry(), first.idleTimeout(), first.device());
            assertThrows(IllegalStateException.class, () -> store.register(impostor, SessionLimit.NONE));
            assertEquals(Optional.of(first), store.find(first.key()));
        }

        @Test
        @DisplayName("findByUser lists exactly that user's sessions")
        void findByUserListsOwnSessionsOnly() {
            String alice = newUser();
            String bob = newUser();
            Session a1 = registered(alice);
            Session a2 = registered(alice);
            registered(bob);
            assertEquals(Set.of(a1, a2), Set.copyOf(store.findByUser(alice)));
            assertEquals(List.of(), store.findByUser(newUser()));
        }
    }

    @Nested
    @DisplayName("touch")
    class Touch {

        @Test
        @DisplayName("touch records the last activity")
        void touchRecordsActivity() {
            Session session = registered(newUser());
            clock.advance(Duration.ofMinutes(5));
            assertTrue(store.touch(session.key(), clock.instant(), SEEN_IP));
            Session touched = store.find(session.key()).orElseThrow();
            assertEquals(clock.instant(), touched.lastActiveAt());
            assertEquals(SEEN_IP, touched.lastSeenIp());
            assertEquals(session.device(), touched.device(), "the sign-in device and address stay");
        }

        @Test
        @DisplayName("touch of an unknown session is false and creates nothing")
        void touchOfUnknownIsFalse() {
            Session never = newSession(newUser());
            assertFalse(store.touch(never.key(), clock.instant(), SEEN_IP));
            assertEquals(Optional.empty(), store.find(never.key()));
        }

        @Test
        @DisplayName("touch after delete does not bring the session back")
        void touchAfterDeleteDoesNotResurrect() {
            Session session = registered(newUser());
            store.delete(session.key());
            assertFalse(store.touch(session.key(), clock.instant(), SEEN_IP));
            assertEquals(Optional.empty(), store.find(session.key()));
            assertEquals(List.of(), store.findByUser(session.userId()));
        }

        @Test
        @DisplayName("touch keeps an idle session alive, up to its absolute expiry")
        void touchExtendsIdleDeadlineUpToAbsoluteExpiry() {
            Session session = registered(newUser());
            for (int i = 0; i < 24; i++) {
                clock.advance(Duration.ofMinutes(29));
                assertTrue(store.touch(session.key(), clock.instant(), SEEN_IP), "touch " + i);
            }
            clock.advance(ABSOLUTE.minus(Duration.ofMinutes(29L * 24)).minusMillis(1));
            assertTrue(store.find(session.key()).isPresent(), "idle deadline is later, absolute not reached");
            clock.advance(Duration.ofMillis(1));
            assertEquals(Optional.empty(), store.find(session.key()));
            assertFalse(store.touch(session.key(), clock.instant(), SEEN_IP));
        }
    }

    @Nested
    @DisplayName("delete")
    class Delete {

        @Test
        @DisplayName("delete removes one session and returns it, once")
        void deleteRemovesOnce() {
            String user = newUser();
            Session gone = registered(user);
            Session stays = registered(user);
            assertEquals(Optional.of(gone), store.delete(gone.key()));
            assertEquals(Optional.empty(), store.delete(gone.key()));
            assertEquals(Optional.empty(), store.find(gone.key()));
            assertEquals(Set.of(stays.key()), keysOf(user));
        }

        @Test
        @DisplayName("delete of an unknown session returns nothing, not an error")
        void deleteOfUnknownIsFalse() {
            assertEquals(Optional.empty(), store.delete(newSession(newUser()).key()));
        }
    }

    @Nested
    @DisplayName("delete all of a user")
    class DeleteAll {

        @Test
        @DisplayName("ends every session of the user and counts them")
        void endsEverySession() {
            String user = newUser();
            for (int i = 0; i < 5; i++) {
                registered(user);
            }
            assertEquals(5, store.deleteAllOfUser(user, Optional.empty()));
            assertEquals(List.of(), store.findByUser(user));
            assertEquals(0, store.deleteAllOfUser(user, Optional.empty()));
        }

        @Test
        @DisplayName("keeps the one session asked for")
        void keepsCurrent() {
            String user = newUser();
            Session current = registered(user);
            Session other = registered(user);
            assertEquals(1, store.deleteAllOfUser(user, Optional.of(current.key())));
            assertEquals(Optional.of(current), store.find(current.key()));
            assertEquals(Optional.empty(), store.find(other.key()));
        }

        @Test
        @DisplayName("never touches another user's sessions, even when asked to keep one of theirs")
        void leavesOtherUsersAlone() {
            String alice = newUser();
            String bob = newUser();
            registered(alice);
            Session bobs = registered(bob);
            assertEquals(1, store.deleteAllOfUser(alice, Optional.of(bobs.key())));
            assertEquals(Optional.of(bobs), store.find(bobs.key()));
            assertEquals(0, store.deleteAllOfUser(newUser(), Optional.empty()));
            assertEquals(Set.of(bobs.key()), keysOf(bob));
        }

        @Test
        @DisplayName("no session registered before the delete survives it, while registers race it")
        void deleteAllRacingRegisters() throws Exception {
            for (int round = 0; round < 5; round++) {
                String user = newUser();
                AtomicBoolean stop = new AtomicBoolean();
                ConcurrentLinkedQueue<CredentialKey> registeredBefore = new ConcurrentLinkedQueue<>();
                AtomicBoolean deleting = new AtomicBoolean();
                List<Callable<Integer>> registrars = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    registrars.add(() -> {
                        int n = 0;
                        while (!stop.get()) {
                            Session s = newSession(user);
                            store.register(s, SessionLimit.NONE);
                            if (!deleting.get()) {
                                registeredBefore.add(s.key());
                            }
                            n++;
                        }
                        return n;
                    });
                }
                Callable<Integer> deleter = () -> {
                    while (registeredBefore.size() < 20) {
                        Thread.onSpinWait();
                    }
                    deleting.set(true);
                    List<CredentialKey> snapshot = List.copyOf(registeredBefore);
                    store.deleteAllOfUser(user, Optional.empty());
                    stop.set(true);
                    int survivors = 0;
                    for (CredentialKey key : snapshot) {
                        survivors += store.find(key).isPresent() ? 1 : 0;
                    }
                    return survivors;
                };
                List<Callable<Integer>> all = new ArrayList<>(registrars);
                all.add(deleter);
                List<Integer> results = Concurrently.run(all);
                assertEquals(0, results.get(results.size() - 1), "sessions registered before the delete survived it");
            }
        }

        @Test
        @DisplayName("touches in flight during a delete never bring the session back")
        void touchesRacingDeleteDoNotResurrect() throws Exception {
            for (int round = 0; round < 5; round++) {
                Session session = registered(newUser());
                AtomicBoolean stop = new AtomicBoolean();
                List<Callable<Boolean>> tasks = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    tasks.add(() -> {
                        while (!stop.get()) {
                            store.touch(session.key(), clock.instant(), SEEN_IP);
                        }
                        return true;
                    });
                }
                tasks.add(() -> {
                    store.delete(session.key());
                    for (int i = 0; i < 50; i++) {
                        store.touch(session.key(), clock.instant(), SEEN_IP);
                    }
                    stop.set(true);
                    return true;
                });
                Concurrently.run(tasks);
                assertEquals(Optional.empty(), store.find(session.key()));
                assertEquals(List.of(), store.findByUser(session.userId()));
            }
        }
    }

    @Nested
    @DisplayName("re-authentication")
    class Reauthentication {

        @Test
        @DisplayName("reauthenticate records when the user last proved who they are")
        void reauthenticateRecords() {
            Session session = registered(newUser());
            clock.advance(Duration.ofMinutes(3));
            assertTrue(store.reauthenticate(session.key(), clock.instant()));
            assertEquals(clock.instant(), store.find(session.key()).orElseThrow().authenticatedAt());
        }

        @Test
        @DisplayName("reauthenticate of an unknown or deleted session is false and creates nothing")
        void reauthenticateOfUnknownIsFalse() {
            Session session = registered(newUser());
            store.delete(session.key());
            assertFalse(store.reauthenticate(session.key(), clock.instant()));
            assertEquals(Optional.empty(), store.find(session.key()));
        }
    }

    @Nested
    @DisplayName("devices")
    class Devices {

        @Test
        @DisplayName("deleteDevice ends every session of that user's device and returns them")
        void deleteDeviceEndsItsSessions() {
            String user = newUser();
            String device = randomHandle();
            Session first = stored(newSession(user, device, Optional.empty()));
            Session restored = stored(newSession(user, device, Optional.empty()));
            Session other = registered(user);
            assertEquals(Set.of(first, restored), Set.copyOf(store.deleteDevice(user, device)));
            assertEquals(Set.of(other.key()), keysOf(user));
            assertEquals(List.of(), store.deleteDevice(user, device));
        }

        @Test
        @DisplayName("deleteDevice never touches another user's session of the same handle")
        void deleteDeviceSparesOtherUsers() {
            String handle = randomHandle();
            Session alices = stored(newSession(newUser(), handle, Optional.empty()));
            Session bobs = stored(newSession(newUser(), handle, Optional.empty()));
            assertEquals(List.of(alices), store.deleteDevice(alices.userId(), handle));
            assertEquals(Optional.of(bobs), store.find(bobs.key()));
        }
    }

    @Nested
    @DisplayName("provider sessions")
    class ProviderSessions {

        @Test
        @DisplayName("a session keeps the provider session it came from")
        void providerIsKept() {
            ProviderSession provider = new ProviderSession("https://idp.example/realms/demo", "sid-" + randomHandle());
            Session session = stored(newSession(newUser(), randomHandle(), Optional.of(provider)));
            assertEquals(Optional.of(provider), store.find(session.key()).orElseThrow().provider());
        }

        @Test
        @DisplayName("deleteByProviderSession ends exactly the sessions of that provider session, whoever's")
        void deleteByProviderSession() {
            String issuer = "https://idp.example/realms/demo";
            ProviderSession ended = new ProviderSession(issuer, "sid-" + randomHandle());
            ProviderSession other = new ProviderSession(issuer, "sid-" + randomHandle());
            ProviderSession otherIssuer = new ProviderSession("https://other.example", ended.sessionId());
            Session a = stored(newSession(newUser(), randomHandle(), Optional.of(ended)));
            Session b = stored(newSession(newUser(), randomHandle(), Optional.of(ended)));
            Session c = stored(newSession(a.userId(), randomHandle(), Optional.of(other)));
            Session d = stored(newSession(b.userId(), randomHandle(), Optional.of(otherIssuer)));
            Session local = registered(a.userId());
            assertEquals(Set.of(a, b), Set.copyOf(store.deleteByProviderSession(ended)));
            assertEquals(Optional.empty(), store.find(a.key()));
            assertEquals(Optional.empty(), store.find(b.key()));
            for (Session kept : List.of(c, d, local)) {
                assertEquals(Optional.of(kept), store.find(kept.key()));
            }
            assertEquals(List.of(), store.deleteByProviderSession(ended));
        }

        @Test
        @DisplayName("an expired session of the provider session is not returned as ended")
        void expiredIsNotReturned() {
            ProviderSession provider = new ProviderSession("https://idp.example", "sid-" + randomHandle());
            stored(newSession(newUser(), randomHandle(), Optional.of(provider)));
            clock.advance(IDLE);
            assertEquals(List.of(), store.deleteByProviderSession(provider));
        }
    }

    @Nested
    @DisplayName("session limit")
    class Limit {

        @Test
        @DisplayName("beyond the maximum the least recently active sessions end to make room")
        void evictsLeastRecentlyActive() {
            String user = newUser();
            Session oldest = registered(user);
            clock.advance(Duration.ofMinutes(1));
            Session middle = registered(user);
            clock.advance(Duration.ofMinutes(1));
            assertTrue(store.touch(oldest.key(), clock.instant(), SEEN_IP), "now the oldest is the most recent");
            clock.advance(Duration.ofMinutes(1));
            Session newest = newSession(user);
            Registration registration = store.register(newest, SessionLimit.evictingBeyond(2));
            assertTrue(registration.accepted());
            assertEquals(List.of(middle.key()), registration.evicted().stream().map(Session::key).toList());
            assertEquals(Set.of(oldest.key(), newest.key()), keysOf(user));
        }

        @Test
        @DisplayName("with the refuse policy a login beyond the maximum changes nothing")
        void refusesBeyondMaximum() {
            String user = newUser();
            Session first = registered(user);
            Session second = registered(user);
            Session third = newSession(user);
            assertEquals(Registration.refused(), store.register(third, SessionLimit.refusingBeyond(2)));
            assertEquals(Optional.empty(), store.find(third.key()));
            assertEquals(Set.of(first.key(), second.key()), keysOf(user));
        }

        @Test
        @DisplayName("expired sessions do not count against the maximum")
        void expiredDoNotCount() {
            String user = newUser();
            registered(user);
            clock.advance(IDLE);
            Session fresh = newSession(user);
            Registration registration = store.register(fresh, SessionLimit.refusingBeyond(1));
            assertTrue(registration.accepted());
            assertEquals(List.of(), registration.evicted());
        }

        @Test
        @DisplayName("racing logins never leave a user above the maximum")
        void racingLoginsStayWithinMaximum() throws Exception {
            for (int round = 0; round < 5; round++) {
                String user = newUser();
                CountDownLatch start = new CountDownLatch(1);
                List<Callable<Boolean>> logins = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    logins.add(() -> {
                        start.await();
                        boolean accepted = false;
                        for (int i = 0; i < 5; i++) {
                            accepted |= store.register(newSession(user), SessionLimit.refusingBeyond(3)).accepted();
                        }
                        return accepted;
                    });
                }
                logins.add(() -> {
                    start.countDown();
                    return true;
                });
                Concurrently.run(logins);
                assertEquals(3, store.findByUser(user).size(), "round " + round);
            }
        }
    }

    @Nested
    @DisplayName("expiry")
    class Expiry {

        @Test
        @DisplayName("an idle session is never found, listed, counted or deleted as active")
        void idleSessionIsGoneEverywhere() {
            String user = newUser();
            Session idle = registered(user);
            clock.advance(IDLE.minusMillis(1));
            Session fresh = registered(user);
            assertTrue(store.find(idle.key()).isPresent());
            clock.advance(Duration.ofMillis(1));
            assertEquals(Optional.empty(), store.find(idle.key()));
            assertEquals(Set.of(fresh.key()), keysOf(user));
            assertEquals(Optional.empty(), store.delete(idle.key()));
            assertEquals(1, store.deleteAllOfUser(user, Optional.empty()));
        }

        @Test
        @DisplayName("a session past its absolute expiry is gone, however recent its activity")
        void absoluteExpiry() {
            Session template = newSession(newUser());
            Session session = new Session(template.key(), template.handle(), template.userId(), template.createdAt(),
                    template.lastActiveAt(), template.createdAt().plus(Duration.ofMinutes(10)), IDLE, template.device());
            store.register(session, SessionLimit.NONE);
            clock.advance(Duration.ofMinutes(9));
            assertTrue(store.touch(session.key(), clock.instant(), SEEN_IP));
            clock.advance(Duration.ofMinutes(1).minusMillis(1));
            assertTrue(store.find(session.key()).isPresent());
            clock.advance(Duration.ofMillis(1));
            assertEquals(Optional.empty(), store.find(session.key()));
            assertEquals(0, store.deleteAllOfUser(session.userId(), Optional.empty()));
        }
    }

    @Nested
    @DisplayName("expiry reports")
    class ExpiryReports {

        /** Beyond a deadline by more than an embedded cache's expiry timer granularity (about a second). */
        private static final Duration PAST = Duration.ofSeconds(2);

        private final Queue<Session> reported = new ConcurrentLinkedQueue<>();

        @BeforeEach
        void listen() {
            store.onExpiry(reported::add);
        }

        /** Lets the store observe {@code expired} until it reports it; then checks it was reported once, intact. */
        private void awaitReported(Session expired) {
            Poll.until(Duration.ofSeconds(10), Duration.ofMillis(20), () -> {
                observeExpiry(expired);
                return reported.stream().anyMatch(s -> s.key().equals(expired.key()));
            }, () -> "the expired session was not reported");
            observeExpiry(expired);
            List<Session> mine = reported.stream().filter(s -> s.key().equals(expired.key())).toList();
            assertEquals(1, mine.size(), "reported exactly once");
            assertEquals(expired.userId(), mine.get(0).userId());
            assertEquals(expired.handle(), mine.get(0).handle());
        }

        @Test
        @DisplayName("a session past its idle timeout is reported once, with its user and handle")
        void idleTimeoutIsReported() {
            Session idle = registered(newUser());
            clock.advance(IDLE.plus(PAST));
            awaitReported(idle);
        }

        @Test
        @DisplayName("a session past its absolute expiry is reported once, however recent its activity")
        void absoluteExpiryIsReported() {
            Session template = newSession(newUser());
            Session session = stored(new Session(template.key(), template.handle(), template.userId(), template.createdAt(),
                    template.lastActiveAt(), template.createdAt().plus(Duration.ofMinutes(10)), IDLE, template.device()));
            clock.advance(Duration.ofMinutes(9));
            assertTrue(store.touch(session.key(), clock.instant(), SEEN_IP));
            clock.advance(Duration.ofMinutes(1).plus(PAST));
            awaitReported(session);
        }

        @Test
        @DisplayName("an engine over the store audits an expired session once as EXPIRED, and a logout never as EXPIRED")
        void engineAuditsExpiry() {
            List<LogoutEvent> events = new CopyOnWriteArrayList<>();
            try (LogoutEngine engine = LogoutEngine.builder().sessionStore(store)
                    .persistentTokenStore(InMemoryStores.persistentTokenStore(clock))
                    .accessTokenDenylist(InMemoryStores.accessTokenDenylist(clock))
                    .tokenVersionStore(InMemoryStores.tokenVersionStore())
                    .secretKey(ContractKeys.secret()).clock(clock).listener(events::add).build()) {
                String user = newUser();
                Device device = Device.of("curl/8.5.0", "192.0.2.10");
                NewSession loggedOut = engine.startSession(user, device);
                NewSession idle = engine.startSession(user, device);
                engine.logout(LogoutRequest.from(device).withSession(loggedOut.session()));
                clock.advance(IDLE.plus(PAST));
                awaitReported(idle.session());
                List<LogoutEvent> expired = events.stream().filter(e -> e.reason() == LogoutReason.EXPIRED).toList();
                assertEquals(1, expired.size(), "one EXPIRED event: " + events);
                assertEquals(Optional.of(user), expired.get(0).userId());
                assertEquals(LogoutScope.SESSION, expired.get(0).scope());
                assertEquals(1, expired.get(0).sessionsEnded());
                assertTrue(expired.get(0).sessionDigest().isPresent(), "the session is named by its audit digest");
                assertEquals(List.of(LogoutReason.USER_LOGOUT, LogoutReason.EXPIRED), events.stream().map(LogoutEvent::reason).toList());
            }
        }

        @Test
        @DisplayName("a session deleted before its deadline is never reported, nor one still active")
        void explicitDeleteIsNotReported() {
            String user = newUser();
            Session deleted = registered(user);
            Session active = registered(user);
            assertTrue(store.delete(deleted.key()).isPresent());
            Session idle = registered(user);
            clock.advance(IDLE.minusMillis(1));
            assertTrue(store.touch(active.key(), clock.instant(), SEEN_IP));
            clock.advance(PAST);
            awaitReported(idle);
            assertTrue(reported.stream().noneMatch(s -> s.key().equals(deleted.key()) || s.key().equals(active.key())),
                    "only the expired session is reported");
            assertEquals(Set.of(active.key()), keysOf(user));
        }
    }
}
