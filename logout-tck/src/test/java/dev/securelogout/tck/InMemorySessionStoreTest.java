package dev.securelogout.tck;

import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.spi.SessionStore;

/** The in-memory SessionStore passes its contract. */
class InMemorySessionStoreTest extends SessionStoreContract {

    @Override
    protected SessionStore createStore(MutableClock clock) {
        return InMemoryStores.sessionStore(clock);
    }
}
