package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A store's combined one-round-trip access-token check, used in place of the two lookups. */
class AccessTokenCheckTest {

    private static final Device CLIENT = Device.of("curl/8.0", "192.0.2.9");

    private final TestClock clock = new TestClock();
    private final AtomicBoolean down = new AtomicBoolean();
    private final AccessTokenDenylist denylist = InMemoryStores.accessTokenDenylist(clock);
    private final TokenVersionStore versions = InMemoryStores.tokenVersionStore();
    private final AtomicInteger combined = new AtomicInteger();
    private final AtomicInteger separate = new AtomicInteger();

    private LogoutEngine engine() {
        AccessTokenDenylist countedDenylist = new AccessTokenDenylist() {
            @Override
            public void deny(AccessTokenId id, java.time.Instant until) {
                denylist.deny(id, until);
            }

            @Override
            public boolean isDenied(AccessTokenId id) {
                separate.incrementAndGet();
                return denylist.isDenied(id);
            }
        };
        return LogoutEngine.builder()
                .sessionStore(InMemoryStores.sessionStore(clock))
                .persistentTokenStore(InMemoryStores.persistentTokenStore(clock))
                .accessTokenDenylist(Failing.when(down, AccessTokenDenylist.class, countedDenylist))
                .tokenVersionStore(Failing.when(down, TokenVersionStore.class, versions))
                .accessTokenCheck(claims -> {
                    combined.incrementAndGet();
                    return denylist.isDenied(claims.id()) || versions.tokenState(claims.subject()).supersedes(claims)
                            || claims.grant().isPresent() && denylist.isDenied(AccessTokenId.ofGrant(claims.grant().get()));
                })
                .clock(clock).build();
    }

    private AccessTokenClaims token(String jti) {
        return new AccessTokenClaims(new AccessTokenId("iss", jti), "alice", clock.instant(),
                clock.instant().plus(Duration.ofMinutes(5)), OptionalLong.empty());
    }

    @Test
    @DisplayName("checkAccessToken asks the combined check only, and a revocation pending on this node still refuses")
    void combinedCheckReplacesTheTwoLookups() {
        try (LogoutEngine engine = engine()) {
            AccessTokenClaims kept = token("kept");
            AccessTokenClaims loggedOut = token("logged-out");
            assertEquals(AccessTokenStatus.ACTIVE, engine.checkAccessToken(kept));
            engine.logout(LogoutRequest.from(CLIENT).withAccessToken(loggedOut));
            assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(loggedOut));
            assertEquals(2, combined.get());
            assertEquals(0, separate.get(), "the denylist was not asked one by one");

            AccessTokenClaims duringOutage = token("during-outage");
            down.set(true);
            engine.logout(LogoutRequest.from(CLIENT).withAccessToken(duringOutage));
            assertEquals(1, engine.pendingRevocations());
            assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(duringOutage), "pending here, refused here");
            assertEquals(AccessTokenStatus.ACTIVE, engine.checkAccessToken(kept));
        }
    }

    @Test
    @DisplayName("a token minted from a revoked grant is refused by the combined check alone: no second lookup for the grant")
    void combinedCheckCoversTheGrant() {
        try (LogoutEngine engine = engine()) {
            AccessTokenClaims minted = new AccessTokenClaims(new AccessTokenId("iss", "minted"), "alice", clock.instant(),
                    clock.instant().plus(Duration.ofMinutes(5)), OptionalLong.empty(), Optional.of("family-1"));
            assertEquals(AccessTokenStatus.ACTIVE, engine.checkAccessToken(minted));
            denylist.deny(AccessTokenId.ofGrant("family-1"), clock.instant().plus(Duration.ofMinutes(5)));
            assertEquals(AccessTokenStatus.REVOKED, engine.checkAccessToken(minted));
            assertEquals(2, combined.get());
            assertEquals(0, separate.get(), "the grant's entry was not asked for separately");
        }
    }

    @Test
    @DisplayName("a combined check belongs to configured stores: inMemory() refuses it, naming the setting")
    void notWithInMemory() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LogoutEngine.builder().inMemory().accessTokenCheck(claims -> false).build());
        assertEquals(true, e.getMessage().contains("accessTokenCheck"), e.getMessage());
    }
}
