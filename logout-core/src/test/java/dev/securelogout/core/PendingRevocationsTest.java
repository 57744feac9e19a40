package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.Rotation;
import dev.securelogout.core.token.TokenKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PendingRevocationsTest {

    private static final Device LAPTOP = Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "192.0.2.1");
    private static final String THREAD = "secure-logout-pending-revocations";

    private final TestClock clock = new TestClock();
    private final SecureRandom random = new SecureRandom();
    private final SessionStore memory = InMemoryStores.sessionStore(clock);
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicBoolean broken = new AtomicBoolean();
    /** Keys whose deletion the store refuses for good, the way a column rejects a value it cannot hold. */
    private final Set<CredentialKey> poisoned = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    @DisplayName("each revocation is retried on its own: one that never succeeds neither blocks another nor outlives the maximum age")
    void aPoisonedRevocationBlocksNothingAndIsDropped() {
        PendingRevocations pending = new PendingRevocations(clock, 100, scheduler, Duration.ofMinutes(1),
                Duration.ofHours(12), Duration.ofDays(30));
        SessionStore sessions = pending.sessions(flaky());
        Session poison = register(sessions, "alice");
        Session other = register(sessions, "bob");
        poisoned.add(poison.key());
        down.set(true);
        assertThrows(StoreException.class, () -> sessions.delete(poison.key()));
        assertThrows(StoreException.class, () -> sessions.delete(other.key()));
        assertEquals(2, pending.size());
        assertTrue(sessions.find(poison.key()).isEmpty(), "refused on this node at once");
        assertTrue(sessions.find(other.key()).isEmpty(), "refused on this node at once");

        String log = captureLog(() -> {
            down.set(false);
            await(() -> memory.find(other.key()).isEmpty(), "the other revocation reaches the store");
            assertEquals(1, pending.size(), "the poisoned one is still pending");
            assertTrue(sessions.find(poison.key()).isEmpty(), "and still refused here");
            clock.advance(Duration.ofMinutes(2));
            await(() -> pending.size() == 0, "the poisoned one is dropped after the maximum age");
        });
        assertTrue(log.contains("ERROR dev.securelogout.core.PendingRevocations - pending session deletion dropped after PT1M"), log);
        assertTrue(sessions.find(poison.key()).isPresent(), "dropped: it no longer holds here (the ERROR line says so)");
    }

    @Test
    @DisplayName("a session or token revoked by its own credential during an outage is refused when presented, before the store is asked")
    void aCredentialEndedDuringAnOutageIsRefusedWhileTheStoreStillFails() {
        PendingRevocations pending = new PendingRevocations(clock, 100, scheduler, Duration.ofHours(1),
                Duration.ofHours(12), Duration.ofDays(30));
        SessionStore sessions = pending.sessions(Failing.when(down, SessionStore.class, memory));
        PersistentTokenStore tokens = pending.tokens(Failing.when(down, PersistentTokenStore.class,
                InMemoryStores.persistentTokenStore(clock)));
        Session session = register(sessions, "alice");
        Session other = register(sessions, "alice");
        PersistentToken token = issue(tokens, "alice");
        down.set(true);
        assertThrows(StoreException.class, () -> sessions.delete(session.key()));
        assertThrows(StoreException.class, () -> tokens.revokeFamilyOf(token.key()));

        assertTrue(sessions.find(session.key()).isEmpty(), "the ended session, while the store fails");
        assertTrue(sessions.find(session.key(), clock.instant()).isEmpty(), "the ended session on the check path");
        assertTrue(tokens.find(token.key()).isEmpty(), "the revoked token, while the store fails");
        assertEquals(Rotation.Status.REJECTED, tokens.rotate(TokenKind.REMEMBER_ME, token.key(), token.key(), clock.instant(),
                Duration.ofDays(1), Duration.ZERO).status(), "its rotation");
        assertThrows(StoreException.class, () -> sessions.find(other.key()), "a session nothing revoked still needs the store");
        down.set(false);
        assertTrue(sessions.find(other.key()).isPresent());
        assertTrue(sessions.findByUser("alice").stream().noneMatch(s -> s.key().equals(session.key())), "nor listed");
        assertTrue(tokens.findByUser("alice").isEmpty(), "nor listed");
    }

    @Test
    @DisplayName("a revocation is logged once at WARN when queued, and at ERROR when dropped over the cap")
    void queuedOnceAtWarnAndDroppedOverTheCapAtError() {
        PendingRevocations pending = new PendingRevocations(clock, 1, scheduler, Duration.ofMinutes(1),
                Duration.ofHours(12), Duration.ofDays(30));
        SessionStore sessions = pending.sessions(flaky());
        Session first = register(sessions, "alice");
        Session second = register(sessions, "alice");
        down.set(true);
        String log = captureLog(() -> {
            assertThrows(StoreException.class, () -> sessions.delete(first.key()));
            assertThrows(StoreException.class, () -> sessions.delete(second.key()));
        });
        assertEquals(1, pending.size());
        List<String> lines = log.lines().toList();
        assertEquals(2, lines.size(), log);
        assertTrue(lines.get(0).contains("WARN dev.securelogout.core.PendingRevocations - session deletion failed"), log);
        assertTrue(lines.get(1).contains("ERROR dev.securelogout.core.PendingRevocations - session deletion failed and is dropped: 1 revocations already pending"), log);
        assertTrue(sessions.find(second.key()).isPresent(), "over the cap nothing is held");
    }

    @Test
    @DisplayName("a revocation that fails with anything but a StoreException is dropped at its first retry")
    void aNonStoreFailureIsDroppedAtOnce() {
        PendingRevocations pending = new PendingRevocations(clock, 100, scheduler, Duration.ofHours(1),
                Duration.ofHours(12), Duration.ofDays(30));
        SessionStore sessions = pending.sessions(flaky());
        Session session = register(sessions, "alice");
        down.set(true);
        assertThrows(StoreException.class, () -> sessions.delete(session.key()));
        broken.set(true);
        String log = captureLog(() -> await(() -> pending.size() == 0, "dropped"));
        assertTrue(log.contains("ERROR dev.securelogout.core.PendingRevocations - pending session deletion dropped: it can never succeed"), log);
    }

    @Test
    @DisplayName("retries run on the application's scheduler when given one, and close() leaves it running")
    void theApplicationsScheduler() {
        ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1);
        try {
            LogoutEngine engine = LogoutEngine.builder().sessionStore(flaky())
                    .persistentTokenStore(InMemoryStores.persistentTokenStore(clock))
                    .accessTokenDenylist(InMemoryStores.accessTokenDenylist(clock))
                    .tokenVersionStore(InMemoryStores.tokenVersionStore())
                    .scheduler(own).clock(clock).build();
            NewSession session = engine.startSession("alice", LAPTOP);
            down.set(true);
            assertTrue(engine.logout(LogoutRequest.from(LAPTOP).withSessionId(session.id().value())).serverSideFailed());
            assertEquals(1, engine.pendingRevocations());
            down.set(false);
            await(() -> engine.pendingRevocations() == 0, "retried");
            assertTrue(own.getCompletedTaskCount() >= 1, "on the application's scheduler");
            engine.close();
            assertFalse(own.isShutdown());
        } finally {
            own.shutdownNow();
        }
    }

    @Test
    @DisplayName("close() stops the engine's own retry thread and drops what is pending")
    void closeStopsTheOwnThread() {
        long before = retryThreads();
        LogoutEngine engine = LogoutEngine.builder().sessionStore(flaky())
                .persistentTokenStore(InMemoryStores.persistentTokenStore(clock))
                .accessTokenDenylist(InMemoryStores.accessTokenDenylist(clock))
                .tokenVersionStore(InMemoryStores.tokenVersionStore())
                .clock(clock).build();
        NewSession session = engine.startSession("alice", LAPTOP);
        down.set(true);
        engine.logout(LogoutRequest.from(LAPTOP).withSessionId(session.id().value()));
        assertEquals(1, engine.pendingRevocations());
        assertEquals(before + 1, retryThreads(), "the retry thread started with the first pending revocation");
        engine.close();
        assertEquals(0, engine.pendingRevocations());
        await(() -> retryThreads() == before, "the retry thread ended");
    }

    private static long retryThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(THREAD) && t.isAlive()).count();
    }

    private Session register(SessionStore sessions, String userId) {
        Instant now = clock.instant();
        byte[] handle = new byte[16];
        random.nextBytes(handle);
        Session session = new Session(Hmac.random(random).newCredential(userId, random).key(),
                java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(handle), userId, now, now,
                now.plus(Duration.ofHours(12)), Duration.ofMinutes(30), LAPTOP);
        sessions.register(session, SessionLimit.NONE);
        return session;
    }

    private PersistentToken issue(PersistentTokenStore tokens, String userId) {
        Instant now = clock.instant();
        PersistentToken token = new PersistentToken(Hmac.random(random).newCredential(userId, random).key(), TokenKind.REMEMBER_ME,
                "family-" + random.nextInt(), userId, now, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), now, LAPTOP);
        tokens.issue(token);
        return token;
    }

    /** Waits with a deadline; the retries run on real time (1 s, doubling up to 10 s). */
    private static void await(BooleanSupplier condition, String what) {
        Await.until(Duration.ofSeconds(30), what, condition);
    }

    private static String captureLog(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /**
     * The in-memory store, whose deletions fail with a {@link StoreException} while {@link #down}
     * and, for {@link #poisoned} keys, always; with an {@link IllegalArgumentException} while
     * {@link #broken}.
     */
    private SessionStore flaky() {
        return (SessionStore) Proxy.newProxyInstance(SessionStore.class.getClassLoader(), new Class<?>[] {SessionStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("delete")) {
                        if (broken.get()) {
                            throw new IllegalArgumentException("the column cannot hold this value");
                        }
                        if (down.get() || poisoned.contains(args[0])) {
                            throw new StoreException("session store unreachable");
                        }
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
