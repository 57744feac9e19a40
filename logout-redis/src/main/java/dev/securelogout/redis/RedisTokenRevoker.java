package dev.securelogout.redis;

import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.Rotation;
import dev.securelogout.core.token.TokenKind;
import dev.securelogout.core.token.TokenRevoker;
import dev.securelogout.core.token.TokenState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * A {@link TokenRevoker} over Redis, standalone or Cluster.
 *
 * <p><b>Keys.</b> Under {@code <prefix>:{<partition>}:} of the token's user: {@code t:<digest>} a
 * hash per token generation, {@code f:<family>} the set of a family's generations, {@code F:<user>}
 * the user's families scored by family expiry, {@code v:<user>} the token state hash (version and
 * not-before, advanced by {@code HINCRBY} in one script). The denylist entry of an access token is
 * {@code <prefix>:{<sha256(iss, jti)>}:d}, holding the token's expiry, written with a native TTL so
 * it disappears with its token. Issue, rotate and every revocation are single Lua scripts on one
 * slot, so rotation is atomic per token and revoke-all is atomic against issue and rotate.
 *
 * <p><b>Data loss.</b> Refresh and remember-me tokens are an allow-list: a Redis that loses its data
 * refuses them, the safe direction. The denylist and token states are deny-lists, and losing them
 * would bring revoked access tokens back. So the revoker keeps an epoch, {@code <prefix>:epoch},
 * written as {@link TokenState#INITIAL} when a revoker starts against a Redis without one, never
 * expiring. A user without a token state takes the epoch's. When Redis comes back empty while the
 * application runs, the next read finds the epoch gone and writes a new one at that instant, version
 * and not-before both at its microseconds: every access token issued before is refused (its holder
 * refreshes), and every user's version jumps past any version handed out before. A loss while no
 * revoker runs looks like a new Redis and goes unnoticed: see the module's README for the trade-off.
 *
 * <p><b>Time.</b> Deadlines are stored as values and judged by this revoker's {@link Clock}; native
 * relative TTLs ({@code PX}, {@code PEXPIRE}) a minute past them bound the memory.
 *
 * <p>Thread-safe (as the {@link UnifiedJedis} given). Every Redis failure is a {@link StoreException}.
 */
public final class RedisTokenRevoker implements TokenRevoker {

    /** How long a token state outlives its last advance when not configured. */
    public static final Duration DEFAULT_TOKEN_STATE_RETENTION = Duration.ofDays(7);

    private static final String REVOKE_FAMILY_FUNCTION = """
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
            local function keep(k, ms)
              if redis.call('PTTL', k) < tonumber(ms) then redis.call('PEXPIRE', k, ms) end
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
    private static final Commands.Script ROTATE = Commands.Script.of("rotate a token", REVOKE_FAMILY_FUNCTION + """
            local t = redis.call('HGETALL', KEYS[1])
            if #t == 0 then return {'REJECTED'} end
            local f = {}
            for i = 1, #t, 2 do f[t[i]] = t[i + 1] end
            local now = tonumber(ARGV[2])
            local tag = ARGV[6]
            local fam = tag .. 'f:' .. f.g
            if f.K ~= ARGV[1] or tonumber(f.e) <= now or redis.call('EXISTS', fam) == 0 then return {'REJECTED'} end
            if not f.s then
              local e = string.format('%.0f', math.min(now + tonumber(ARGV[3]), tonumber(f.F)))
              local next = {'k', ARGV[5], 'K', f.K, 'f', f.f, 'g', f.g, 'u', f.u, 'x', f.x, 'i', ARGV[2], 'e', e, 'F', f.F}
              redis.call('HSET', KEYS[2], unpack(next))
              redis.call('PEXPIRE', KEYS[2], math.floor((tonumber(f.F) - now) / 1000) + tonumber(ARGV[7]))
              redis.call('HSET', KEYS[1], 's', ARGV[2], 'n', ARGV[5])
              redis.call('SADD', fam, ARGV[5])
              return {'ROTATED', unpack(next)}
            end
            if tonumber(ARGV[4]) > 0 and now < tonumber(f.s) + tonumber(ARGV[4]) and f.n == ARGV[5] then
              local n = redis.call('HGETALL', KEYS[2])
              local s = {}
              for i = 1, #n, 2 do s[n[i]] = n[i + 1] end
              if s.k and not s.s and tonumber(s.e) > now then return {'REPLAYED_IN_GRACE', unpack(n)} end
            end
            revoke(tag, f.g, now)
            redis.call('ZREM', tag .. 'F:' .. f.x, f.g)
            return {'REUSE_DETECTED', unpack(t)}
            """);
    private static final Commands.Script REVOKE_FAMILY = Commands.Script.of("revoke a token family", REVOKE_FAMILY_FUNCTION + """
            local f = redis.call('HMGET', KEYS[1], 'g', 'x')
            if not f[1] then return 0 end
            local n = revoke(ARGV[2], f[1], tonumber(ARGV[1]))
            redis.call('ZREM', ARGV[2] .. 'F:' .. f[2], f[1])
            return n
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
    private static final Commands.Script DENY = Commands.Script.of("deny an access token", """
            local old = redis.call('GET', KEYS[1])
            if old and tonumber(old) >= tonumber(ARGV[1]) then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('PUBLISH', ARGV[3], ARGV[4])
            return 1
            """);
    private static final Commands.Script ADVANCE = Commands.Script.of("advance a token state", """
            if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('HSET', KEYS[1], 'v', ARGV[1], 'nb', ARGV[2]) end
            local v = redis.call('HINCRBY', KEYS[1], 'v', 1)
            local nb = redis.call('HGET', KEYS[1], 'nb')
            if tonumber(ARGV[3]) > tonumber(nb) then
              nb = ARGV[3]
              redis.call('HSET', KEYS[1], 'nb', nb)
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            redis.call('PUBLISH', ARGV[5], ARGV[6])
            return {v, nb}
            """);

    private static final Logger LOG = LoggerFactory.getLogger(RedisTokenRevoker.class);

    private final UnifiedJedis jedis;
    private final RedisKeys keys;
    private final Clock clock;
    private final Duration tokenStateRetention;

    /** A revoker with the {@link #DEFAULT_TOKEN_STATE_RETENTION}; see the four-argument constructor. */
    public RedisTokenRevoker(UnifiedJedis jedis, String prefix, Clock clock) {
        this(jedis, prefix, clock, DEFAULT_TOKEN_STATE_RETENTION);
    }

    /**
     * A revoker over {@code jedis} (configured and owned by the caller), with keys under
     * {@code prefix}, judging expiry by {@code clock}; writes the epoch if absent.
     *
     * @param tokenStateRetention how long a user's token state outlives its last advance: at least
     *                            the longest lifetime of an access token
     * @throws IllegalArgumentException when the prefix is invalid or the retention not positive
     * @throws StoreException           when Redis cannot be reached to read the epoch
     */
    public RedisTokenRevoker(UnifiedJedis jedis, String prefix, Clock clock, Duration tokenStateRetention) {
        this.jedis = Objects.requireNonNull(jedis, "jedis");
        this.keys = new RedisKeys(prefix);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokenStateRetention = Objects.requireNonNull(tokenStateRetention, "tokenStateRetention");
        if (tokenStateRetention.isNegative() || tokenStateRetention.isZero()) {
            throw new IllegalArgumentException("tokenStateRetention must be positive");
        }
        epoch(true);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the key's partition is not its user's
     */
    @Override
    public void issue(PersistentToken token) {
        Objects.requireNonNull(token, "token");
        String partition = Credential.partitionOf(token.userId());
        if (!token.key().partition().equals(partition)) {
            throw new IllegalArgumentException("a token key must carry its user's partition");
        }
        Instant now = clock.instant();
        String family = RedisKeys.escape(token.familyId());
        List<String> args = new ArrayList<>(List.of(
                micros(now),
                Long.toString(RedisKeys.ttlMillis(now, token.familyExpiresAt())),
                token.key().digest(),
                family,
                micros(token.familyExpiresAt())));
        List.of("k", token.key().digest(), "K", token.kind().name(), "f", token.familyId(), "g", family,
                "u", token.userId(), "x", RedisKeys.escape(token.userId()), "i", micros(token.issuedAt()),
                "e", micros(token.expiresAt()), "F", micros(token.familyExpiresAt())).forEach(args::add);
        ISSUE.eval(jedis, List.of(keys.token(token.key()), keys.familyPrefix(partition) + family,
                keys.familyIndex(token.userId())), args);
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
    public Rotation rotate(TokenKind kind, CredentialKey presented, CredentialKey successor, Instant now,
                           Duration timeToLive, Duration grace) {
        Objects.requireNonNull(kind, "kind");
        if (!presented.partition().equals(successor.partition())) {
            return Rotation.rejected();
        }
        List<?> result = (List<?>) ROTATE.eval(jedis, List.of(keys.token(presented), keys.token(successor)), List.of(
                kind.name(), micros(now), Long.toString(RedisKeys.micros(timeToLive)),
                Long.toString(RedisKeys.micros(grace)), successor.digest(), keys.tag(presented.partition()),
                Long.toString(RedisKeys.TTL_MARGIN.toMillis())));
        Rotation.Status status = Rotation.Status.valueOf(String.valueOf(result.get(0)));
        if (status == Rotation.Status.REJECTED) {
            return Rotation.rejected();
        }
        return Rotation.of(status, token(presented.partition(), RedisSessionStore.pairs(result.subList(1, result.size()))));
    }

    @Override
    public int revokeFamilyOf(CredentialKey key) {
        Object revoked = REVOKE_FAMILY.eval(jedis, List.of(keys.token(key)),
                List.of(micros(clock.instant()), keys.tag(key.partition())));
        return ((Long) revoked).intValue();
    }

    @Override
    public int revokeFamily(String userId, String familyId) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(familyId, "familyId");
        Object revoked = REVOKE_USER_FAMILY.eval(jedis, List.of(keys.familyIndex(userId)),
                List.of(micros(clock.instant()), keys.tag(Credential.partitionOf(userId)), RedisKeys.escape(familyId)));
        return ((Long) revoked).intValue();
    }

    @Override
    public int revokeAllOfUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        Object revoked = REVOKE_ALL.eval(jedis, List.of(keys.familyIndex(userId)),
                List.of(micros(clock.instant()), keys.tag(Credential.partitionOf(userId))));
        return ((Long) revoked).intValue();
    }

    @Override
    public void deny(AccessTokenId id, Instant expiresAt) {
        Objects.requireNonNull(id, "id");
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            return;
        }
        String key = keys.denied(id.issuer(), id.jti());
        DENY.eval(jedis, List.of(key), List.of(micros(expiresAt), Long.toString(RedisKeys.ttlMillis(now, expiresAt)),
                keys.invalidationChannel(), Invalidation.denied(key)));
    }

    @Override
    public boolean isDenied(AccessTokenId id) {
        String until = Commands.run("read the denylist", () -> jedis.get(deniedKey(id)));
        return until != null && clock.instant().isBefore(RedisKeys.instant(until));
    }

    /** The denylist key of {@code id}: what the near cache keys its answer by. */
    String deniedKey(AccessTokenId id) {
        return keys.denied(id.issuer(), id.jti());
    }

    /**
     * {@inheritDoc}
     *
     * <p>A user never advanced (or whose state expired) has the epoch's state:
     * {@link TokenState#INITIAL} unless Redis lost its data while this library ran.
     */
    @Override
    public TokenState tokenState(String userId) {
        Map<String, String> f = Commands.run("read a token state", () -> jedis.hgetAll(keys.tokenState(userId)));
        return f.isEmpty() ? epoch(false) : state(f.get("v"), f.get("nb"));
    }

    @Override
    public TokenState advanceTokenState(String userId, Instant notBefore) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(notBefore, "notBefore");
        TokenState base = epoch(false);
        List<?> result = (List<?>) ADVANCE.eval(jedis, List.of(keys.tokenState(userId)), List.of(
                Long.toString(base.version()), micros(base.notBefore()), micros(notBefore),
                Long.toString(tokenStateRetention.toMillis()), keys.invalidationChannel(),
                Invalidation.user(Credential.partitionOf(userId))));
        return state(String.valueOf(result.get(0)), String.valueOf(result.get(1)));
    }

    /**
     * The current epoch as a token state. Absent at construction, it is written as
     * {@link TokenState#INITIAL} (a new Redis); absent later, Redis lost its data since, and the new
     * epoch is now: version and not-before both at the current instant, in microseconds.
     */
    private TokenState epoch(boolean starting) {
        String value = Commands.run("read the epoch", () -> jedis.get(keys.epoch()));
        if (value == null) {
            long now = RedisKeys.micros(clock.instant());
            String fresh = starting ? "0:0" : now + ":" + now;
            if (!starting) {
                LOG.warn("the epoch key {} vanished: Redis lost its data; refusing every access token issued before now",
                        keys.epoch());
            }
            value = Commands.run("write the epoch", () -> {
                jedis.setnx(keys.epoch(), fresh);
                return jedis.get(keys.epoch());
            });
        }
        int colon = value == null ? -1 : value.indexOf(':');
        if (colon < 0) {
            throw new StoreException("the epoch in Redis is missing or malformed");
        }
        return state(value.substring(0, colon), value.substring(colon + 1));
    }

    private static TokenState state(String version, String notBefore) {
        try {
            return new TokenState(Long.parseLong(version), RedisKeys.instant(notBefore));
        } catch (RuntimeException e) {
            throw new StoreException("a token state in Redis is malformed", e);
        }
    }

    private static PersistentToken token(String partition, Map<String, String> f) {
        try {
            return new PersistentToken(new CredentialKey(partition, f.get("k")), TokenKind.valueOf(f.get("K")),
                    f.get("f"), f.get("u"), RedisKeys.instant(f.get("i")), RedisKeys.instant(f.get("e")),
                    RedisKeys.instant(f.get("F")));
        } catch (RuntimeException e) {
            throw new StoreException("a token record in Redis is malformed", e);
        }
    }

    private static String micros(Instant instant) {
        return Long.toString(RedisKeys.micros(instant));
    }
}
