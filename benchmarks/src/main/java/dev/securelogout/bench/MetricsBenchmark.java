package dev.securelogout.bench;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.SessionCheck;
import dev.securelogout.core.monitor.EngineMonitor;
import dev.securelogout.core.session.Device;
import dev.securelogout.micrometer.MicrometerEngineMonitor;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The per-request check with metrics off (no monitor: store calls are not even timed) and on
 * ({@code logout-micrometer} over a Prometheus registry, on the engine and the near cache), on the
 * set-ups whose check is served from memory, where the monitor's share is the largest.
 */
@State(Scope.Benchmark)
public class MetricsBenchmark {

    /** The store set-up under test. */
    @Param({"MEMORY", "REDIS_NEAR"})
    public Backend backend;

    /** Whether the engine reports to Micrometer. */
    @Param({"off", "on"})
    public String metrics;

    private Backend.Stores stores;
    private LogoutEngine engine;
    private String sessionId;

    /** Starts one session on fresh stores, with or without the monitor. */
    @Setup(Level.Trial)
    public void setUp() {
        Clock clock = Clock.systemUTC();
        EngineMonitor monitor = metrics.equals("on")
                ? new MicrometerEngineMonitor(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)) : EngineMonitor.NONE;
        stores = backend.open(clock, monitor);
        engine = stores.engine(clock, monitor);
        NewSession session = engine.startSession("bench-user", Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", "127.0.0.1"));
        sessionId = session.id().value();
        if (!engine.check(sessionId).isActive()) {
            throw new IllegalStateException("the benchmark session is not active on " + backend);
        }
    }

    /** Removes the run's data. */
    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
        stores.close();
    }

    /** One check of a live session, as a guard makes it on every request. */
    @Benchmark
    public SessionCheck check() {
        return engine.check(sessionId);
    }
}
