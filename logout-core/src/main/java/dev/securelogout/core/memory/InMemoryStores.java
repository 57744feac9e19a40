package dev.securelogout.core.memory;

import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.TokenVersionStore;
import java.time.Clock;

/**
 * The in-memory stores, the embedded default for one node: Caffeine caches that expire each entry
 * at its own deadline on the given clock. Nothing survives a restart, so a restart logs every
 * user out (the safe direction). Each call returns a new, empty, thread-safe store.
 */
public final class InMemoryStores {

    private InMemoryStores() {
    }

    /** A denylist that can say how many entries it holds (for tests and benchmarks of expiry). */
    public interface CountingDenylist extends AccessTokenDenylist {
        /**
         * How many entries are held after expired ones are dropped: back to zero once every denied
         * token has expired, within the granularity of Caffeine's expiry timer (about a second of
         * the clock). {@link #isDenied} stops answering for an entry at its expiry exactly.
         *
         * @return how many entries are held after expired ones are dropped
         */
        long size();
    }

    /**
     * Sessions, expiring on {@code clock}.
     *
     * @param clock the clock that tells the time
     * @return the session store
     */
    public static SessionStore sessionStore(Clock clock) {
        return new InMemorySessionStore(clock);
    }

    /**
     * Refresh and remember-me tokens, expiring on {@code clock}.
     *
     * @param clock the clock that tells the time
     * @return the persistent token store
     */
    public static PersistentTokenStore persistentTokenStore(Clock clock) {
        return new InMemoryPersistentTokenStore(clock);
    }

    /**
     * The access-token denylist, each entry expiring with its token on {@code clock}.
     *
     * @param clock the clock that tells the time
     * @return the access-token denylist, each entry expiring with its token on {@code clock}
     */
    public static CountingDenylist accessTokenDenylist(Clock clock) {
        return new InMemoryAccessTokenDenylist(clock);
    }

    /**
     * Per-user token versions.
     *
     * @return the token version store
     */
    public static TokenVersionStore tokenVersionStore() {
        return new InMemoryTokenVersionStore();
    }

    /**
     * A notifier that delivers to the subscribers of this node, synchronously on the publishing thread.
     *
     * @return the session notifier
     */
    public static SessionNotifier notifier() {
        return new InMemorySessionNotifier();
    }
}
