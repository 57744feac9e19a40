package dev.securelogout.examples;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.event.SessionNotifier;
import dev.securelogout.core.memory.InMemorySessionNotifier;

/**
 * The stores behind one node, chosen by {@link AppConfig#store()}: the engine builder already
 * holding them, the notifier the engine publishes to (and the event streams listen to), and what
 * to close at shutdown.
 *
 * @param engine   a builder with the stores and the notifier set
 * @param notifier the notifier set on the builder
 * @param resources closed when the node stops
 */
record Backend(LogoutEngine.Builder engine, SessionNotifier notifier, AutoCloseable resources) {

    /**
     * Connects to the configured store.
     *
     * @throws IllegalStateException when the store cannot be reached or is not available in this build
     */
    static Backend open(AppConfig config) {
        return switch (config.store()) {
            case MEMORY -> {
                InMemorySessionNotifier notifier = new InMemorySessionNotifier();
                yield new Backend(LogoutEngine.builder().inMemory().notifier(notifier), notifier, () -> { });
            }
            case JDBC, REDIS -> throw new IllegalStateException("LOGOUT_STORE=" + config.store() + " is not available in this build yet");
        };
    }
}
