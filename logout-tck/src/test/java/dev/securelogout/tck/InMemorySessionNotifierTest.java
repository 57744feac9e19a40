package dev.securelogout.tck;

import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.spi.SessionNotifier;

/** The in-memory SessionNotifier passes its contract. */
class InMemorySessionNotifierTest extends SessionNotifierContract {

    @Override
    protected SessionNotifier createNotifier() {
        return InMemoryStores.notifier();
    }
}
