package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutScope;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.monitor.CheckKind;
import dev.securelogout.core.monitor.CheckResult;
import dev.securelogout.core.monitor.EngineHealth;
import dev.securelogout.core.monitor.EngineMonitor;
import dev.securelogout.core.monitor.RevocationEvent;
import dev.securelogout.core.monitor.StoreOutcome;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.spi.TokenVersionStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What an engine reports to its monitor, its health call, and the store outage log. */
class EngineMonitorTest {

    private final TestClock clock = new TestClock();
    private final AtomicBoolean down = new AtomicBoolean();
    private final Recording monitor = new Recording();
    private final Device client = Device.of("test", "192.0.2.1");
    private PrintStream originalErr;
    private ByteArrayOutputStream log;
    private LogoutEngine engine;

    /** Records every call as a line. */
    private static final class Recording implements EngineMonitor {
        final ConcurrentLinkedQueue<String> calls = new ConcurrentLinkedQueue<>();
        volatile IntSupplier pending;

        @Override
        public void pendingRevocations(IntSupplier count) {
            pending = count;
        }

        @Override
        public void logout(LogoutEvent event) {
            calls.add("logout " + event.reason() + " " + event.scope() + " " + event.succeeded());
        }

        @Override
        public <T> T observe(LogoutScope scope, Supplier<T> logout, Predicate<? super T> succeeded) {
            calls.add("observe " + scope);
            return logout.get();
        }

        @Override
        public void check(CheckKind kind, CheckResult result) {
            calls.add("check " + kind + " " + result);
        }

        @Override
        public void revocation(RevocationEvent event) {
            calls.add("revocation " + event);
        }

        @Override
        public void storeCalls(String store, String operation, StoreOutcome outcome, long nanos, int count) {
            calls.add("store " + store + " " + operation + " " + outcome + (nanos >= 0 && count >= 1 ? "" : " negative"));
        }

        boolean has(String call) {
            return calls.contains(call);
        }

        long count(String call) {
            return calls.stream().filter(call::equals).count();
        }
    }

    @BeforeEach
    void start() {
        originalErr = System.err;
        log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        engine = LogoutEngine.builder()
                .sessionStore(Failing.when(down, SessionStore.class, InMemoryStores.sessionStore(clock)))
                .persistentTokenStore(Failing.when(down, PersistentTokenStore.class, InMemoryStores.persistentTokenStore(clock)))
                .accessTokenDenylist(Failing.when(down, AccessTokenDenylist.class, InMemoryStores.accessTokenDenylist(clock)))
                .tokenVersionStore(Failing.when(down, TokenVersionStore.class, InMemoryStores.tokenVersionStore()))
                .secretKey(new byte[32]).clock(clock).monitor(monitor).build();
    }

    @AfterEach
    void stop() {
        engine.close();
        System.setErr(originalErr);
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("checks, logouts and timed store calls reach the monitor by kind, result, scope, store, operation and outcome")
    void callsReachTheMonitor() {
        NewSession session = engine.startSession("alice", client);
        engine.check(session.id().value());
        engine.check("garbage");
        engine.logout(LogoutRequest.from(client).withSessionId(session.id().value()));
        engine.check(session.id().value());

        assertTrue(monitor.has("store sessions register SUCCESS"), monitor.calls::toString);
        assertTrue(monitor.has("store sessions find SUCCESS"), monitor.calls::toString);
        assertEquals(1, monitor.count("check SESSION ACTIVE"), monitor.calls::toString);
        assertEquals(2, monitor.count("check SESSION REFUSED"), monitor.calls::toString);
        assertTrue(monitor.has("observe SESSION"), monitor.calls::toString);
        assertTrue(monitor.has("logout USER_LOGOUT SESSION true"), monitor.calls::toString);
        assertFalse(monitor.calls.stream().anyMatch(c -> c.endsWith("negative")), monitor.calls::toString);
    }

    @Test
    @DisplayName("an outage: unavailable checks, a pending revocation retried until the store takes it, one WARN at the start and one INFO at the end")
    void outage() {
        NewSession session = engine.startSession("alice", client);
        down.set(true);
        for (int i = 0; i < 50; i++) {
            assertEquals(SessionCheck.Status.UNAVAILABLE, engine.check(session.id().value()).status());
        }
        engine.logout(LogoutRequest.from(client).withSessionId(session.id().value()));
        assertEquals(50, monitor.count("check SESSION UNAVAILABLE"));
        assertTrue(monitor.has("store sessions find UNAVAILABLE"), monitor.calls::toString);
        assertTrue(monitor.has("revocation QUEUED"), monitor.calls::toString);
        assertEquals(1, monitor.pending.getAsInt());
        assertFalse(engine.health().up());

        down.set(false);
        await(() -> monitor.pending.getAsInt() == 0, "the pending revocation is retried and taken");
        await(() -> log().contains("stores answer again"), "the outage ends once the probes are answered");
        assertTrue(monitor.has("revocation RETRY_SUCCEEDED"), monitor.calls::toString);
        String log = log();
        assertEquals(1, count(log, "WARN dev.securelogout.store - "), "one start line for the four stores: " + log);
        assertEquals(1, count(log, "WARN dev.securelogout.store - store sessions unavailable: SessionStore unreachable"), log);
        assertEquals(1, count(log, "INFO dev.securelogout.store - stores answer again"), log);
        assertEquals(0, count(log, "session check unavailable"), "no line per request: " + log);
        Matcher failed = Pattern.compile("calls failed meanwhile: \\{sessions=(\\d+)}").matcher(log);
        assertTrue(failed.find() && Integer.parseInt(failed.group(1)) >= 51, "50 checks, a deletion and its retries: " + log);
    }

    @Test
    @DisplayName("an outage that lasts is summarised once a minute by the engine's clock, not at each failure")
    void longOutageIsSummarised() {
        NewSession session = engine.startSession("alice", client);
        down.set(true);
        engine.check(session.id().value());
        int probes = count(log(), "still unavailable");
        assertEquals(0, probes);
        clock.advance(Duration.ofSeconds(61));
        for (int i = 0; i < 10; i++) {
            engine.check(session.id().value());
        }
        await(() -> count(log(), "still unavailable") == 1, "one summary after a minute");
        assertTrue(log().contains("stores sessions still unavailable after 61 s: 11 calls failed since the previous line"), log());
        assertEquals(1, count(log(), "store sessions unavailable"), log());
        assertEquals(0, count(log(), "stores answer again after"), log());
    }

    @Test
    @DisplayName("health: each store and each added probe, up or down, bounded by the timeout, with the pending revocations")
    void health() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean epochIntact = new AtomicBoolean(true);
        LogoutEngine probed = LogoutEngine.builder().inMemory()
                .healthProbe("epoch", () -> {
                    if (!epochIntact.get()) {
                        throw new StoreException("the epoch is missing");
                    }
                })
                .healthProbe("hangs", () -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).build();
        try {
            Instant start = Instant.now();
            EngineHealth health = probed.health(Duration.ofMillis(300));
            assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0);
            assertEquals(List.of("sessions", "persistentTokens", "denylist", "tokenVersions", "epoch", "hangs"),
                    List.copyOf(health.probes().keySet()));
            assertTrue(health.probes().get("sessions").up());
            assertTrue(health.probes().get("epoch").up());
            assertEquals(new EngineHealth.Probe(false, Duration.ofMillis(300), "timed out"), health.probes().get("hangs"));
            assertFalse(health.up());
            assertEquals(0, health.pendingRevocations());

            release.countDown();
            epochIntact.set(false);
            EngineHealth later = probed.health();
            assertEquals("the epoch is missing", later.probes().get("epoch").detail());
            assertTrue(later.probes().get("hangs").up());
            assertFalse(later.up());
        } finally {
            release.countDown();
            probed.close();
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.until(Duration.ofSeconds(30), what, condition);
    }
}
