package dev.securelogout.bench;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.NewSession;
import dev.securelogout.core.SessionCheck;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Session;
import java.time.Clock;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The per-request check, {@code engine.check(sessionId)} of a live session, and the store's share
 * of it ({@code find(key)}), on every {@link Backend}. {@link Baselines} holds what it is compared with.
 */
@State(Scope.Benchmark)
public class CheckBenchmark {

    /** The store set-up under test. */
    @Param
    public Backend backend;

    private Backend.Stores stores;
    private LogoutEngine engine;
    private String sessionId;
    private CredentialKey key;

    /** Starts one session on fresh stores. */
    @Setup(Level.Trial)
    public void setUp() {
        Clock clock = Clock.systemUTC();
        stores = backend.open(clock);
        engine = stores.engine(clock);
        NewSession session = engine.startSession("bench-user", Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", "127.0.0.1"));
        sessionId = session.id().value();
        key = session.session().key();
        if (!engine.check(sessionId).isActive()) {
            throw new IllegalStateException("the benchmark session is not active on " + backend);
        }
    }

    /** Removes the run's data. */
    @TearDown(Level.Trial)
    public void tearDown() {
        stores.close();
    }

    /** One check of a live session, as a guard makes it on every request. */
    @Benchmark
    public SessionCheck check() {
        return engine.check(sessionId);
    }

    /** The store's own lookup by key, without parsing and digesting the id: the store's share of a check. */
    @Benchmark
    public Optional<Session> find() {
        return stores.sessions().find(key);
    }
}
