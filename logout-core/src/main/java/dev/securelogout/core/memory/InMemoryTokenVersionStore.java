package dev.securelogout.core.memory;

import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.core.token.TokenState;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/** The embedded default {@link TokenVersionStore}: one map entry per user ever advanced. Thread-safe. */
final class InMemoryTokenVersionStore implements TokenVersionStore {

    private final ConcurrentHashMap<String, TokenState> states = new ConcurrentHashMap<>();

    @Override
    public TokenState tokenState(String userId) {
        return states.getOrDefault(userId, TokenState.INITIAL);
    }

    @Override
    public TokenState advance(String userId, Instant notBefore) {
        return states.compute(userId, (user, state) -> (state == null ? TokenState.INITIAL : state).advancedTo(notBefore));
    }
}
