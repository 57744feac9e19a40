package dev.securelogout.tck;

import dev.securelogout.core.memory.InMemoryTokenRevoker;
import dev.securelogout.core.token.TokenRevoker;

/** The in-memory token revoker passes the contract. */
class InMemoryTokenRevokerTest extends TokenRevokerContract {

    @Override
    protected TokenRevoker createRevoker(MutableClock clock) {
        return new InMemoryTokenRevoker(clock);
    }
}
