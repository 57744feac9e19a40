package dev.securelogout.tck;

import dev.securelogout.core.memory.InMemorySessionStore;
import dev.securelogout.core.session.SessionStore;

/** The in-memory session store passes the contract. */
class InMemorySessionStoreTest extends SessionStoreContract {

    @Override
    protected SessionStore createStore(MutableClock clock) {
        return new InMemorySessionStore(clock);
    }
}
