package dev.securelogout.tck;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.TokenVersionStore;
import java.time.Clock;

/** The lineage and line-in-time promises on the in-memory stores, two engines sharing them. */
class InMemoryLogoutLineTest extends LogoutLineContract {

    private final SessionStore sessions = InMemoryStores.sessionStore(Clock.systemUTC());
    private final PersistentTokenStore tokens = InMemoryStores.persistentTokenStore(Clock.systemUTC());
    private final AccessTokenDenylist denylist = InMemoryStores.accessTokenDenylist(Clock.systemUTC());
    private final TokenVersionStore versions = InMemoryStores.tokenVersionStore();

    @Override
    protected LogoutEngine.Builder node() {
        return LogoutEngine.builder().sessionStore(sessions).persistentTokenStore(tokens).accessTokenDenylist(denylist)
                .tokenVersionStore(versions);
    }
}
