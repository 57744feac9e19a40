package dev.securelogout.core.spi;

import dev.securelogout.core.token.TokenState;
import java.time.Instant;

/**
 * Per-user token states: each "logout everywhere" advances the user's state, and every access
 * token issued before it is refused without having been listed.
 *
 * <p><b>Thread-safety and failure.</b> Implementations are thread-safe; {@link #advance} is
 * atomic per user (two concurrent advances yield two versions). Any failure to reach or use the
 * backing store is a {@link StoreException}. A state never goes backwards, and never disappears
 * while a token it refuses could still be presented.
 *
 * <p>Prove an implementation by extending {@code TokenVersionStoreContract} from {@code logout-tck}.
 */
public interface TokenVersionStore {

    /**
     * The user's current state, {@link TokenState#INITIAL} for a user never advanced.
     *
     * @param userId the user's id
     * @return the user's current state, {@link TokenState#INITIAL} for a user never advanced
     */
    TokenState tokenState(String userId);

    /**
     * Advances the user's state to {@code notBefore} (never backwards) and returns the new state.
     *
     * @param userId the user's id
     * @param notBefore the instant before which it is refused
     * @return the token state
     */
    TokenState advance(String userId, Instant notBefore);
}
