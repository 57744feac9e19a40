package dev.securelogout.tck;

import dev.securelogout.core.event.SessionNotifier;
import dev.securelogout.core.memory.InMemorySessionNotifier;

/** The in-memory notifier passes the contract. */
class InMemorySessionNotifierTest extends SessionNotifierContract {

    @Override
    protected SessionNotifier createNotifier() {
        return new InMemorySessionNotifier();
    }
}
