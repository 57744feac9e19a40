package dev.securelogout.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.IssuedToken;
import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutRequest;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.session.Device;
import dev.securelogout.tck.MutableClock;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The meters and observations an in-memory engine produces through the monitor. */
class MicrometerEngineMonitorTest {

    private static final Device DEVICE = Device.of("test", "192.0.2.1");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> spans = new CopyOnWriteArrayList<>();
    private final LogoutEngine engine = LogoutEngine.builder().inMemory()
            .monitor(new MicrometerEngineMonitor(registry, observations())).build();

    /** An observation registry whose one handler writes down each stopped observation. */
    private ObservationRegistry observations() {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                spans.add(context.getName() + " " + context.getContextualName() + " " + context.getLowCardinalityKeyValues());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        return observations;
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** The count of the counter or function counter {@code name} with {@code tags}. */
    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).meter().measure().iterator().next().getValue();
    }

    @Test
    @DisplayName("checks are counted by kind and result, logouts by reason, scope and outcome, each as its own span")
    void checksAndLogouts() {
        NewSession session = engine.startSession("alice", DEVICE);
        engine.check(session.id().value());
        engine.check(session.id().value());
        engine.check("not-a-session");
        engine.logout(LogoutRequest.from(DEVICE).withSessionId(session.id().value()));
        engine.logoutEverywhere("alice", DEVICE);

        assertEquals(2, count(MicrometerEngineMonitor.CHECKS, "kind", "session", "result", "active"));
        assertEquals(1, count(MicrometerEngineMonitor.CHECKS, "kind", "session", "result", "refused"));
        assertEquals(0, count(MicrometerEngineMonitor.CHECKS, "kind", "session", "result", "unavailable"));
        assertEquals(1, count(MicrometerEngineMonitor.LOGOUTS, "reason", "user_logout", "scope", "session", "outcome", "success"));
        assertEquals(1, count(MicrometerEngineMonitor.LOGOUTS, "reason", "logout_everywhere", "scope", "all_sessions",
                "outcome", "success"));
        assertEquals(List.of(
                "securelogout.logout logout [keyValue(outcome=success),keyValue(scope=session)]",
                "securelogout.logout logout everywhere [keyValue(outcome=success),keyValue(scope=all_sessions)]"), spans);
    }

    @Test
    @DisplayName("store calls are counted by store, operation and outcome, within one sample of the truth; pending revocations are a gauge")
    void storeCallsAndPending() {
        NewSession session = engine.startSession("bob", DEVICE);
        for (int i = 0; i < 1100; i++) {
            engine.check(session.id().value());
        }

        assertEquals(1, registry.get(MicrometerEngineMonitor.STORE_CALLS)
                .tags("store", "sessions", "operation", "register", "outcome", "success").functionTimer().count());
        FunctionTimer finds = registry.get(MicrometerEngineMonitor.STORE_CALLS)
                .tags("store", "sessions", "operation", "find", "outcome", "success").functionTimer();
        assertEquals(1025, finds.count(), "the first 1024 calls are timed, then call 1025 (one in 128), each for itself and "
                + "the untimed ones before it; calls 1026 to 1100 wait for the next sample");
        assertTrue(finds.totalTime(TimeUnit.NANOSECONDS) > 0);
        assertEquals(0, registry.get(MicrometerEngineMonitor.PENDING).gauge().value());
        assertEquals(0, count(MicrometerEngineMonitor.REVOCATIONS, "event", "queued"));
    }

    @Test
    @DisplayName("a refresh token presented again after its rotation's grace window counts as a reuse detection and a token_reuse logout")
    void reuse() {
        MutableClock clock = MutableClock.startingNow();
        SimpleMeterRegistry own = new SimpleMeterRegistry(); // a monitor per registry: its counters are its own
        try (LogoutEngine timed = LogoutEngine.builder().inMemory().clock(clock).monitor(new MicrometerEngineMonitor(own))
                .build()) {
            IssuedToken first = timed.issueRefreshToken("carol");
            timed.refresh(first.token().value(), DEVICE);
            clock.advance(LogoutEngine.DEFAULT_REFRESH_GRACE_WINDOW);
            timed.refresh(first.token().value(), DEVICE);
        }

        assertEquals(1, own.get(MicrometerEngineMonitor.REUSE).counter().count());
        assertEquals(1, own.get(MicrometerEngineMonitor.LOGOUTS).tags("reason", "token_reuse", "scope", "token_family")
                .counter().count());
    }
}
