package dev.securelogout.bench;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.memory.InMemorySessionStore;
import dev.securelogout.core.memory.InMemoryTokenRevoker;
import dev.securelogout.core.session.SessionStore;
import dev.securelogout.core.token.TokenRevoker;
import java.time.Clock;
import java.util.Optional;

/**
 * The store set-ups a benchmark compares (public for the code JMH generates). Each {@link #open} gives stores under a fresh prefix
 * and a {@link Stores#close} that removes what the run created.
 */
public enum Backend {

    MEMORY("in-memory") {
        @Override
        Stores open(Clock clock) {
            return new Stores(new InMemorySessionStore(clock), new InMemoryTokenRevoker(clock), () -> { });
        }
    };

    private final String label;

    Backend(String label) {
        this.label = label;
    }

    /** The name in the report. */
    String label() {
        return label;
    }

    /** Stores of this kind on {@code clock}, under a fresh prefix. */
    abstract Stores open(Clock clock);

    /** The target for {@code engine.check} on this set-up, if it sets one. */
    Optional<CheckRun.Target> checkTarget() {
        return Optional.empty();
    }

    /**
     * A session store and token revoker, and what removes their data and connections.
     *
     * @param sessions the session store
     * @param tokens   the token revoker
     * @param cleanup  drops this run's tables or keys and closes connections
     */
    record Stores(SessionStore sessions, TokenRevoker tokens, Cleanup cleanup) implements AutoCloseable {

        /** An engine over these stores with no listeners (no audit line per logout in the timings). */
        LogoutEngine engine(Clock clock) {
            return LogoutEngine.builder().sessionStore(sessions).tokenRevoker(tokens).noListeners().clock(clock).build();
        }

        @Override
        public void close() {
            cleanup.run();
        }
    }

    /** Removes what a set-up created; a failure is reported, never thrown past the report. */
    @FunctionalInterface
    interface Cleanup {
        void run();
    }
}
