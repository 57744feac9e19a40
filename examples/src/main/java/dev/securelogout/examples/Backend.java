package dev.securelogout.examples;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.event.SessionNotifier;
import dev.securelogout.core.memory.InMemorySessionNotifier;
import dev.securelogout.jdbc.JdbcSchema;
import dev.securelogout.jdbc.JdbcSessionStore;
import dev.securelogout.jdbc.JdbcTokenRevoker;
import java.time.Clock;

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
            case JDBC -> {
                // sessions and tokens are shared through the database; live notices reach this node's pages only
                JdbcSchema schema = JdbcSchema.of(new UrlDataSource(config.jdbcUrl().orElseThrow()), config.jdbcTablePrefix());
                schema.createIfMissing();
                InMemorySessionNotifier notifier = new InMemorySessionNotifier();
                Clock clock = Clock.systemUTC();
                yield new Backend(LogoutEngine.builder().clock(clock)
                        .sessionStore(new JdbcSessionStore(schema, clock)).tokenRevoker(new JdbcTokenRevoker(schema, clock))
                        .notifier(notifier), notifier, () -> { });
            }
            case REDIS -> throw new IllegalStateException("LOGOUT_STORE=redis is not available in this build yet");
        };
    }
}
