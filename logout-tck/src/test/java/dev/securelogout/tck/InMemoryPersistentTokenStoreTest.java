package dev.securelogout.tck;

import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.spi.PersistentTokenStore;

/** The in-memory PersistentTokenStore passes its contract. */
class InMemoryPersistentTokenStoreTest extends PersistentTokenStoreContract {

    @Override
    protected PersistentTokenStore createStore(MutableClock clock) {
        return InMemoryStores.persistentTokenStore(clock);
    }
}
