package dev.securelogout.reliability;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.TokenVersionStore;

/**
 * The stores behind one test app, and the fault a test can inject into them: {@link #down()}
 * makes the store unreachable the way a real outage does, {@link #up()} brings it back.
 * Implementations own what they start and release it on {@link #close()}.
 */
interface Backend extends AutoCloseable {

    /** A short name for test names and summary lines. */
    String name();

    /** The four stores of one node. */
    record Stores(SessionStore sessions, PersistentTokenStore tokens, AccessTokenDenylist denylist,
                  TokenVersionStore versions) {

        /** {@code builder} with these stores set. */
        LogoutEngine.Builder wire(LogoutEngine.Builder builder) {
            return builder.sessionStore(sessions).persistentTokenStore(tokens).accessTokenDenylist(denylist)
                    .tokenVersionStore(versions);
        }
    }

    /** This node's stores. */
    Stores stores();

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
