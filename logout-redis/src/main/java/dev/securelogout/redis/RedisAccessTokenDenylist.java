package dev.securelogout.redis;

import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.token.AccessTokenId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;

/**
 * An {@link AccessTokenDenylist} over Redis, standalone or Cluster: the entry of an access token is
 * {@code <prefix>:{<sha256(iss, jti)>}:d}, holding the token's expiry, written with a native TTL a
 * minute past it so it disappears with its token. Entries are tagged by their own digest, so they
 * spread over every Cluster slot. A denial publishes, inside its script, an invalidation for the
 * {@link RedisNearCache} of every node.
 *
 * <p><b>Data loss.</b> The denylist is a deny-list: a Redis that loses it would bring revoked tokens
 * back. The {@link RedisTokenVersionStore} under the same prefix covers that with its epoch, so use
 * the two together.
 *
 * <p>Thread-safe (as the {@link UnifiedJedis} given). Every Redis failure is a {@link StoreException}.
 */
public final class RedisAccessTokenDenylist implements AccessTokenDenylist {

    private static final Commands.Script DENY = Commands.Script.of("deny an access token", """
            local old = redis.call('GET', KEYS[1])
            if old and tonumber(old) >= tonumber(ARGV[1]) then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('PUBLISH', ARGV[3], ARGV[4])
            return 1
            """);

    private final UnifiedJedis jedis;
    private final RedisKeys keys;
    private final Clock clock;

    /**
     * A denylist over Redis.
     *
     * @param jedis  a {@code RedisClient} or a {@code RedisClusterClient}, configured and owned by the caller
     * @param prefix the key prefix, 1 to 64 of {@code A-Z a-z 0-9 . _ -}
     * @param clock  the clock that judges expiry
     * @throws IllegalArgumentException when the prefix is not 1 to 64 of {@code A-Z a-z 0-9 . _ -}
     */
    public RedisAccessTokenDenylist(UnifiedJedis jedis, String prefix, Clock clock) {
        this.jedis = Objects.requireNonNull(jedis, "jedis");
        this.keys = new RedisKeys(prefix);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void deny(AccessTokenId id, Instant until) {
        Objects.requireNonNull(id, "id");
        Instant now = clock.instant();
        if (!until.isAfter(now)) {
            return;
        }
        String key = deniedKey(id);
        DENY.eval(jedis, List.of(key), List.of(RedisKeys.stamp(until), Long.toString(RedisKeys.ttlMillis(now, until)),
                keys.invalidationChannel(), Invalidation.denied(key)));
    }

    @Override
    public boolean isDenied(AccessTokenId id) {
        return deniedUntil(id).filter(clock.instant()::isBefore).isPresent();
    }

    /** The expiry of {@code id}'s entry, whether or not it has passed: what the near cache keeps. */
    Optional<Instant> deniedUntil(AccessTokenId id) {
        return until(Commands.run("read the denylist", () -> jedis.get(deniedKey(id))));
    }

    /** The denylist key of {@code id}: what the near cache keys its answer by. */
    String deniedKey(AccessTokenId id) {
        return keys.denied(id.issuer(), id.jti());
    }

    /** The expiry a denylist entry holds; empty when the entry is absent (null). */
    static Optional<Instant> until(@Nullable String entry) {
        try {
            return entry == null ? Optional.empty() : Optional.of(RedisKeys.instant(entry));
        } catch (RuntimeException e) {
            throw new StoreException("a denylist entry in Redis is malformed", e);
        }
    }
}
