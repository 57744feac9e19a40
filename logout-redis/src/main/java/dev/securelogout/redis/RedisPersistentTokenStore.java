package dev.securelogout.redis;

import dev.securelogout.core.credential.PartitionKey;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.Rotation;
import dev.securelogout.core.token.TokenKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * A {@link PersistentTokenStore} over Redis, standalone or Cluster.
 *
 * <p><b>Keys.</b> Under {@code <prefix>:{<partition>}:} of the token's user: {@code t:<digest>} a
 * hash per token generation (a spent one keeps when it was spent and its successor, for reuse
 * detection and the grace window), {@code f:<family>} the set of a family's generations,
 * {@code F:<user>} the user's families scored by family expiry. Issue, rotate, list and every
 * revocation are single Lua scripts on the user's slot, so rotation is atomic per token and the
 * revocations are atomic against issue and rotate.
 *
 * <p><b>Data loss.</b> These tokens are an allow-list: a Redis that loses its data refuses them, the
 * safe direction.
 *
 * <p><b>Time.</b> Deadlines are stored as values and judged by this store's {@link Clock}; native
 * relative TTLs ({@code PEXPIRE}) a minute past the family's end bound the memory.
 *
 * <p>Thread-safe (as the {@link UnifiedJedis} given). Every Redis failure is a {@link StoreException}.
 */
public final class RedisPersistentTokenStore implements PersistentTokenStore {

    /** {@code revoke(tag, family, now)} deletes every generation of a family; returns how many were active. */
    private static final String REVOKE_FAMILY_FUNCTION = Commands.KEEP_TTL + """
            local function revoke(tag, g, now)
              local fam = tag .. 'f:' .. g
              local n = 0
              for _, d in ipairs(redis.call('SMEMBERS', fam)) do
                local k = tag .. 't:' .. d
                local v = redis.call('HMGET', k, 's', 'e')
                if v[2] and not v[1] and tonumber(v[2]) > now then n = n + 1 end
                redis.call('DEL', k)
              end
              redis.call('DEL', fam)
              return n
            end
            local function fields(h)
              local f = {}
              for i = 1, #h, 2 do f[h[i]] = h[i + 1] end
              return f
            end
            """;
    private static final Commands.Script ISSUE = Commands.Script.of("issue a token", REVOKE_FAMILY_FUNCTION + """
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[1])
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 6))
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            redis.call('SADD', KEYS[2], ARGV[3])
            keep(KEYS[2], ARGV[2])
            redis.call('ZADD', KEYS[3], ARGV[5], ARGV[4])
            keep(KEYS[3], ARGV[2])
            return 1
            """);
    /** The successor copies every field of the family (kind, user, device, lineage) and gets its own k, i, e. */
    private static final Commands.Script ROTATE = Commands.Script.of("rotate a token", REVOKE_FAMILY_FUNCTION + """
            local t = redis.call('HGETALL', KEYS[1])
            if #t == 0 then return {'REJECTED'} end
            local f = fields(t)
            local now = tonumber(ARGV[2])
            local tag = ARGV[6]
            local fam = tag .. 'f:' .. f.g
            if f.K ~= ARGV[1] or tonumber(f.e) <= now or redis.call('EXISTS', fam) == 0 then return {'REJECTED'} end
            if not f.s then
              local e = string.format('%.0f', math.min(now + tonumber(ARGV[3]), tonumber(f.F)))
              local next = {'k', ARGV[5], 'i', ARGV[2], 'e', e}
              for i = 1, #t, 2 do
                local name = t[i]
                if name ~= 'k' and name ~= 'i' and name ~= 'e' then
                  next[#next + 1] = name
                  next[#next + 1] = t[i + 1]
                end
              end
              redis.call('HSET', KEYS[2], unpack(next))
              redis.call('PEXPIRE', KEYS[2], math.floor((tonumber(f.F) - now) / 1000) + tonumber(ARGV[7]))
              redis.call('HSET', KEYS[1], 's', ARGV[2], 'n', ARGV[5])
              redis.call('SADD', fam, ARGV[5])
              return {'ROTATED', unpack(next)}
            end
            if tonumber(ARGV[4]) > 0 and now < tonumber(f.s) + tonumber(ARGV[4]) and f.n == ARGV[5] then
              local n = redis.call('HGETALL', KEYS[2])
              local s = fields(n)
              if s.k and not s.s and tonumber(s.e) > now then return {'REPLAYED_IN_GRACE', unpack(n)} end
            end
            revoke(tag, f.g, now)
            redis.call('ZREM', tag .. 'F:' .. f.x, f.g)
            return {'REUSE_DETECTED', unpack(t)}
            """);
    private static final Commands.Script FIND_BY_USER = Commands.Script.of("list a user's tokens", REVOKE_FAMILY_FUNCTION + """
            local now = tonumber(ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            local out = {}
            for _, g in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              local best, newest = nil, nil
              for _, d in ipairs(redis.call('SMEMBERS', ARGV[2] .. 'f:' .. g)) do
                local h = redis.call('HGETALL', ARGV[2] .. 't:' .. d)
                local f = fields(h)
                if f.k and not f.s and tonumber(f.e) > now and (not best or tonumber(f.i) > newest) then
                  best, newest = h, tonumber(f.i)
                end
              end
              if best then out[#out + 1] = best end
            end
            return out
            """);
    private static final Commands.Script REVOKE_FAMILY_OF = Commands.Script.of("revoke a token family", REVOKE_FAMILY_FUNCTION + """
            local t = redis.call('HGETALL', KEYS[1])
            if #t == 0 then return {} end
            local f = fields(t)
            local now = tonumber(ARGV[1])
            local known = redis.call('EXISTS', ARGV[2] .. 'f:' .. f.g) == 1 and tonumber(f.F) > now
            revoke(ARGV[2], f.g, now)
            redis.call('ZREM', ARGV[2] .. 'F:' .. f.x, f.g)
            if known then return t end
            return {}
            """);
    private static final Commands.Script REVOKE_USER_FAMILY = Commands.Script.of("revoke a user's token family",
            REVOKE_FAMILY_FUNCTION + """
            if not redis.call('ZSCORE', KEYS[1], ARGV[3]) then return 0 end
            local n = revoke(ARGV[2], ARGV[3], tonumber(ARGV[1]))
            redis.call('ZREM', KEYS[1], ARGV[3])
            return n
            """);
    private static final Commands.Script REVOKE_ALL = Commands.Script.of("revoke a user's tokens", REVOKE_FAMILY_FUNCTION + """
            local n = 0
            for _, g in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              n = n + revoke(ARGV[2], g, tonumber(ARGV[1]))
            end
            redis.call('DEL', KEYS[1])
            return n
            """);

    private final UnifiedJedis jedis;
    private final RedisKeys keys;
    private final PartitionKey partitions;
    private final Clock clock;

    /**
     * A store over Redis.
     *
     * @param jedis  a {@code RedisClient} or a {@code RedisClusterClient}, configured and owned by the caller
     * @param prefix the key prefix, 1 to 64 of {@code A-Z a-z 0-9 . _ -}
     * @param partitions the partition key of the engine's secret key, shared by every node
     * @param clock  the clock that judges expiry
     * @throws IllegalArgumentException when the prefix is not 1 to 64 of {@code A-Z a-z 0-9 . _ -}
     */
    public RedisPersistentTokenStore(UnifiedJedis jedis, String prefix, PartitionKey partitions, Clock clock) {
        this.jedis = Objects.requireNonNull(jedis, "jedis");
        this.keys = new RedisKeys(prefix);
        this.partitions = Objects.requireNonNull(partitions, "partitions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the key's partition is not its user's
     */
    @Override
    public void issue(PersistentToken token) {
        Objects.requireNonNull(token, "token");
        String partition = partitions.partitionOf(token.userId());
        if (!token.key().partition().equals(partition)) {
            throw new IllegalArgumentException("a token key must carry its user's partition: "
                    + "give the engine and the Redis stores the same secret key");
        }
        Instant now = clock.instant();
        String family = RedisKeys.escape(token.familyId());
        List<String> args = new ArrayList<>(List.of(
                RedisKeys.stamp(now),
                Long.toString(RedisKeys.ttlMillis(now, token.familyExpiresAt())),
                token.key().digest(),
                family,
                RedisKeys.stamp(token.familyExpiresAt())));
        Device device = token.device();
        List.of("k", token.key().digest(), "K", token.kind().name(), "f", token.familyId(), "g", family,
                "u", token.userId(), "x", RedisKeys.escape(token.userId()), "i", RedisKeys.stamp(token.issuedAt()),
                "e", RedisKeys.stamp(token.expiresAt()), "F", RedisKeys.stamp(token.familyExpiresAt()),
                "I", RedisKeys.stamp(token.familyIssuedAt()), "b", device.browser(), "o", device.os(),
                "ip", device.ip(), "ua", device.userAgent()).forEach(args::add);
        ISSUE.eval(jedis, List.of(keys.token(token.key()), keys.familyPrefix(partition) + family,
                keys.familyIndex(partition, token.userId())), args);
    }

    @Override
    public Optional<PersistentToken> find(CredentialKey key) {
        Map<String, String> f = Commands.run("find a token", () -> jedis.hgetAll(keys.token(key)));
        if (f.isEmpty() || f.containsKey("s")) {
            return Optional.empty();
        }
        PersistentToken token = token(key.partition(), f);
        Instant now = clock.instant();
        return token.isUnexpiredAt(now) && now.isBefore(token.familyExpiresAt()) ? Optional.of(token) : Optional.empty();
    }

    @Override
    public List<PersistentToken> findByUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        String partition = partitions.partitionOf(userId);
        List<?> found = (List<?>) FIND_BY_USER.eval(jedis, List.of(keys.familyIndex(partition, userId)),
                List.of(RedisKeys.stamp(clock.instant()), keys.tag(partition)));
        List<PersistentToken> tokens = new ArrayList<>();
        for (Object hash : found) {
            Map<String, String> f = Commands.hash((List<?>) hash);
            if (userId.equals(f.get("u"))) {
                tokens.add(token(partition, f));
            }
        }
        return tokens;
    }

    @Override
    public Rotation rotate(TokenKind kind, CredentialKey presented, CredentialKey successor, Instant now,
                           Duration timeToLive, Duration grace) {
        Objects.requireNonNull(kind, "kind");
        if (!presented.partition().equals(successor.partition())) {
            return Rotation.rejected();
        }
        List<?> result = (List<?>) ROTATE.eval(jedis, List.of(keys.token(presented), keys.token(successor)), List.of(
                kind.name(), RedisKeys.stamp(now), Long.toString(RedisKeys.micros(timeToLive)),
                Long.toString(RedisKeys.micros(grace)), successor.digest(), keys.tag(presented.partition()),
                Long.toString(RedisKeys.TTL_MARGIN.toMillis())));
        Rotation.Status status = Rotation.Status.valueOf(String.valueOf(result.get(0)));
        if (status == Rotation.Status.REJECTED) {
            return Rotation.rejected();
        }
        return Rotation.of(status, token(presented.partition(), Commands.hash(result.subList(1, result.size()))));
    }

    @Override
    public Optional<PersistentToken> revokeFamilyOf(CredentialKey key) {
        List<?> revoked = (List<?>) REVOKE_FAMILY_OF.eval(jedis, List.of(keys.token(key)),
                List.of(RedisKeys.stamp(clock.instant()), keys.tag(key.partition())));
        return revoked.isEmpty() ? Optional.empty() : Optional.of(token(key.partition(), Commands.hash(revoked)));
    }

    @Override
    public int revokeFamily(String userId, String familyId) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(familyId, "familyId");
        String partition = partitions.partitionOf(userId);
        Object revoked = REVOKE_USER_FAMILY.eval(jedis, List.of(keys.familyIndex(partition, userId)),
                List.of(RedisKeys.stamp(clock.instant()), keys.tag(partition), RedisKeys.escape(familyId)));
        return ((Long) revoked).intValue();
    }

    @Override
    public int revokeAllOfUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        String partition = partitions.partitionOf(userId);
        Object revoked = REVOKE_ALL.eval(jedis, List.of(keys.familyIndex(partition, userId)),
                List.of(RedisKeys.stamp(clock.instant()), keys.tag(partition)));
        return ((Long) revoked).intValue();
    }

    private static PersistentToken token(String partition, Map<String, String> f) {
        try {
            return new PersistentToken(new CredentialKey(partition, RedisKeys.field(f, "k")), TokenKind.valueOf(RedisKeys.field(f, "K")),
                    RedisKeys.field(f, "f"), RedisKeys.field(f, "u"), RedisKeys.instant(RedisKeys.field(f, "i")), RedisKeys.instant(RedisKeys.field(f, "e")),
                    RedisKeys.instant(RedisKeys.field(f, "F")), RedisKeys.instant(RedisKeys.field(f, "I")),
                    new Device(RedisKeys.field(f, "b"), RedisKeys.field(f, "o"), RedisKeys.field(f, "ip"), RedisKeys.field(f, "ua")));
        } catch (RuntimeException e) {
            throw new StoreException("a token record in Redis is malformed", e);
        }
    }
}
