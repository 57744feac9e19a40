package dev.securelogout.bench;

import dev.securelogout.core.AccessTokenStatus;
import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.token.AccessTokenClaims;
import java.security.SecureRandom;
import java.time.Clock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The engine's half of the bearer guard's per-request work: the revocation check of verified
 * claims (denylist and token state). The other half, verifying the JWT, is in {@link Baselines}.
 */
@State(Scope.Benchmark)
public class BearerBenchmark {

    /** The store set-up under test (the ones the HTTP run uses). */
    @Param({"MEMORY", "REDIS_NEAR", "REDIS_STRICT"})
    public Backend backend;

    private Backend.Stores stores;
    private LogoutEngine engine;
    private AccessTokenClaims claims;

    /** Issues one token on fresh stores. */
    @Setup(Level.Trial)
    public void setUp() {
        Clock clock = Clock.systemUTC();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        stores = backend.open(clock);
        engine = stores.engine(clock);
        claims = HttpRun.verifier(secret, clock).verify(HttpRun.token(secret, engine)).orElseThrow();
        if (engine.checkAccessToken(claims) != AccessTokenStatus.ACTIVE) {
            throw new IllegalStateException("the benchmark token is not active on " + backend);
        }
    }

    /** Removes the run's data. */
    @TearDown(Level.Trial)
    public void tearDown() {
        stores.close();
    }

    /** The engine's revocation check of verified claims. */
    @Benchmark
    public AccessTokenStatus checkAccessToken() {
        return engine.checkAccessToken(claims);
    }
}
