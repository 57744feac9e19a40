package dev.securelogout.core.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.securelogout.core.token.AccessTokenId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The embedded default denylist: entries in a Caffeine cache that expires each one with its
 * token. For one node. Thread-safe.
 */
final class InMemoryAccessTokenDenylist implements InMemoryStores.CountingDenylist {

    private final Clock clock;
    private final Cache<AccessTokenId, Instant> denylist;

    InMemoryAccessTokenDenylist(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.denylist = Caffeine.newBuilder()
                .ticker(ClockExpiry.ticker(clock))
                .expireAfter(new ClockExpiry<AccessTokenId, Instant>(until -> until))
                .build();
    }

    @Override
    public void deny(AccessTokenId id, Instant until) {
        Objects.requireNonNull(id, "id");
        if (until.isAfter(clock.instant())) {
            denylist.asMap().merge(id, until, (old, next) -> next.isAfter(old) ? next : old);
        }
    }

    @Override
    public boolean isDenied(AccessTokenId id) {
        Instant until = denylist.policy().getIfPresentQuietly(id); // as InMemorySessionStore.find
        return until != null && clock.instant().isBefore(until);
    }

    @Override
    public long size() {
        denylist.cleanUp();
        return denylist.estimatedSize();
    }
}
