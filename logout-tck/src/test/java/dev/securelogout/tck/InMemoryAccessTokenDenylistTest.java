package dev.securelogout.tck;

import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.spi.AccessTokenDenylist;

/** The in-memory AccessTokenDenylist passes its contract. */
class InMemoryAccessTokenDenylistTest extends AccessTokenDenylistContract {

    @Override
    protected AccessTokenDenylist createDenylist(MutableClock clock) {
        return InMemoryStores.accessTokenDenylist(clock);
    }
}
