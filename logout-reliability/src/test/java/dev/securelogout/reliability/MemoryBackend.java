package dev.securelogout.reliability;

import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.tck.StoreOutage;
import java.time.Clock;

/** The in-memory stores; {@link #down()} makes every call throw {@link StoreException}, as a store that is down does. */
final class MemoryBackend implements Backend {

    private final StoreOutage outage = new StoreOutage();
    private final Stores stores;

    MemoryBackend(Clock clock) {
        stores = new Stores(outage.wrap(SessionStore.class, InMemoryStores.sessionStore(clock)),
                outage.wrap(PersistentTokenStore.class, InMemoryStores.persistentTokenStore(clock)),
                outage.wrap(AccessTokenDenylist.class, InMemoryStores.accessTokenDenylist(clock)),
                outage.wrap(TokenVersionStore.class, InMemoryStores.tokenVersionStore()));
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Stores stores() {
        return stores;
    }

    @Override
    public long footprint() {
        throw new UnsupportedOperationException("the in-memory stores are bounded caches: nothing to count");
    }

    @Override
    public void down() {
        outage.down(true);
    }

    @Override
    public void up() {
        outage.down(false);
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return name();
    }
}
