package dev.securelogout.reliability;

import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.token.TokenRevoker;

/**
 * The stores behind one test app, and the fault a test can inject into them: {@link #down()}
 * makes the store unreachable the way a real outage does, {@link #up()} brings it back.
 * Implementations own what they start and release it on {@link #close()}.
 */
interface Backend extends AutoCloseable {

    /** A short name for test names and summary lines. */
    String name();

    SessionStore sessions();

    TokenRevoker tokens();

    /** Makes the store unreachable (a fault). */
    void down();

    /** Makes it reachable again; returns once it answers. */
    void up();

    /**
     * How many records the store holds now, after purging what has expired where the store needs a
     * purge: what must stay flat under a steady load.
     */
    long footprint();

    /** Whether what was stored survives a fault (false for a Redis without persistence: a crash loses every key). */
    default boolean durable() {
        return true;
    }

    @Override
    void close();
}
