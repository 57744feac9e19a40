package dev.securelogout.tck;

import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.spi.TokenVersionStore;

/** The in-memory TokenVersionStore passes its contract. */
class InMemoryTokenVersionStoreTest extends TokenVersionStoreContract {

    @Override
    protected TokenVersionStore createStore(MutableClock clock) {
        return InMemoryStores.tokenVersionStore();
    }
}
