package dev.securelogout.redis;

import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.spi.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * A {@link SessionStore} over Redis, standalone or Cluster: one hash per session, and per user a
 * sorted set of that user's session digests scored by expiry, so that listing or ending a user's
 * sessions costs O(that user's sessions). Nothing here uses {@code SCAN}, {@code KEYS},
 * {@code CONFIG} or keyspace notifications.
 *
 * <p><b>Keys.</b> {@code <prefix>:{<partition>}:s:<digest>} and
 * {@code <prefix>:{<partition>}:u:<base64url(userId)>}; the partition is
 * {@code Credential.partitionOf(userId)}, so a session's key must carry its user's partition (as
 * every key from {@code Credential.generate} does). A user's keys share one Cluster slot, and
 * register, touch, delete and delete-all are each one atomic Lua script.
 *
 * <p><b>Time.</b> Every deadline is stored as a value and judged by this store's {@link Clock};
 * each record also gets a native relative TTL a minute past its deadline ({@code PEXPIRE}), so
 * nothing outlives its use, whatever the Redis server's own clock says. The index is trimmed of
 * expired members on every write and read.
 *
 * <p><b>Invalidation.</b> Every delete publishes, inside its script, an invalidation on
 * {@code <prefix>:invalidate} for the {@link RedisNearCache} of every node.
 *
 * <p>Thread-safe (as the {@link UnifiedJedis} given). Every Redis failure is a {@link StoreException}.
 */
public final class RedisSessionStore implements SessionStore {

    /** The key prefix used when none is given. */
    public static final String DEFAULT_PREFIX = "securelogout";

    private static final String KEEP_TTL = """
            local function keep(k, ms)
              if redis.call('PTTL', k) < tonumber(ms) then redis.call('PEXPIRE', k, ms) end
            end
            """;
    private static final Commands.Script REGISTER = Commands.Script.of("register a session", KEEP_TTL + """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
            redis.call('HSET', KEYS[1], unpack(ARGV, 5))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[4])
            keep(KEYS[2], ARGV[3])
            return 1
            """);
    private static final Commands.Script FIND_BY_USER = Commands.Script.of("list a user's sessions", """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            local out = {}
            for _, d in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              local h = redis.call('HGETALL', ARGV[2] .. d)
              if #h == 0 then redis.call('ZREM', KEYS[1], d) else out[#out + 1] = h end
            end
            return out
            """);
    private static final Commands.Script TOUCH = Commands.Script.of("touch a session", KEEP_TTL + """
            local f = redis.call('HMGET', KEYS[1], 'a', 'X', 'i', 'e', 'x')
            local now = tonumber(ARGV[1])
            if not f[4] or tonumber(f[4]) <= now then return 0 end
            local a = math.max(tonumber(f[1]), tonumber(ARGV[2]))
            local e = math.min(a + tonumber(f[3]), tonumber(f[2]))
            local ttl = math.floor((e - now) / 1000) + tonumber(ARGV[3])
            redis.call('HSET', KEYS[1], 'a', string.format('%.0f', a), 'e', string.format('%.0f', e))
            redis.call('PEXPIRE', KEYS[1], ttl)
            local index = ARGV[4] .. f[5]
            redis.call('ZADD', index, string.format('%.0f', e), ARGV[5])
            keep(index, ttl)
            return 1
            """);
    private static final Commands.Script DELETE = Commands.Script.of("delete a session", """
            local f = redis.call('HMGET', KEYS[1], 'e', 'x')
            if not f[1] then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', ARGV[3] .. f[2], ARGV[2])
            redis.call('PUBLISH', ARGV[4], ARGV[5])
            if tonumber(f[1]) > tonumber(ARGV[1]) then return 1 end
            return 0
            """);
    private static final Commands.Script DELETE_ALL = Commands.Script.of("delete a user's sessions", """
            local now = ARGV[1]
            local keep = ARGV[3]
            local active = redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')
            local keepScore = false
            if keep ~= '' then keepScore = redis.call('ZSCORE', KEYS[1], keep) end
            if keepScore and tonumber(keepScore) > tonumber(now) then active = active - 1 end
            local members = redis.call('ZRANGE', KEYS[1], 0, -1)
            local batch = {}
            for _, d in ipairs(members) do
              if d ~= keep then
                batch[#batch + 1] = ARGV[2] .. d
                if #batch == 1000 then redis.call('UNLINK', unpack(batch)); batch = {} end
              end
            end
            if #batch > 0 then redis.call('UNLINK', unpack(batch)) end
            if keepScore then
              redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -1)
              redis.call('ZADD', KEYS[1], keepScore, keep)
            else
              redis.call('DEL', KEYS[1])
            end
            redis.call('PUBLISH', ARGV[4], ARGV[5])
            return active
            """);

    private final UnifiedJedis jedis;
    private final RedisKeys keys;
    private final Clock clock;

    /**
     * A store over {@code jedis} (a {@code RedisClient} or a {@code RedisClusterClient}, configured and
     * owned by the caller), with keys under {@code prefix}, judging expiry by {@code clock}.
     *
     * @throws IllegalArgumentException when the prefix is not 1 to 64 of {@code A-Z a-z 0-9 . _ -}
     */
    public RedisSessionStore(UnifiedJedis jedis, String prefix, Clock clock) {
        this.jedis = Objects.requireNonNull(jedis, "jedis");
        this.keys = new RedisKeys(prefix);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the key's partition is not its user's
     * @throws IllegalStateException    when a session with this key exists
     */
    @Override
    public void register(Session session) {
        Objects.requireNonNull(session, "session");
        if (!session.key().partition().equals(Credential.partitionOf(session.userId()))) {
            throw new IllegalArgumentException("a session key must carry its user's partition");
        }
        Instant now = clock.instant();
        List<String> args = new ArrayList<>(List.of(
                Long.toString(RedisKeys.micros(now)),
                Long.toString(RedisKeys.micros(session.expiresAt())),
                Long.toString(RedisKeys.ttlMillis(now, session.expiresAt())),
                session.key().digest()));
        fields(session).forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        Object created = REGISTER.eval(jedis, List.of(keys.session(session.key()), keys.sessionIndex(session.userId())), args);
        if (!Long.valueOf(1).equals(created)) {
            throw new IllegalStateException("a session with this key exists");
        }
    }

    @Override
    public Optional<Session> find(CredentialKey key) {
        Map<String, String> hash = Commands.run("find a session", () -> jedis.hgetAll(keys.session(key)));
        return hash.isEmpty() ? Optional.empty() : active(key, hash, clock.instant());
    }

    @Override
    public List<Session> findByUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        Instant now = clock.instant();
        Object found = FIND_BY_USER.eval(jedis, List.of(keys.sessionIndex(userId)),
                List.of(Long.toString(RedisKeys.micros(now)), keys.sessionPrefix(userId)));
        String partition = Credential.partitionOf(userId);
        List<Session> sessions = new ArrayList<>();
        for (Object entry : (List<?>) found) {
            Map<String, String> hash = pairs((List<?>) entry);
            if (userId.equals(hash.get("u"))) {
                active(new CredentialKey(partition, hash.get("k")), hash, now).ifPresent(sessions::add);
            }
        }
        return sessions;
    }

    @Override
    public boolean touch(CredentialKey key, Instant lastActiveAt) {
        Objects.requireNonNull(lastActiveAt, "lastActiveAt");
        Object touched = TOUCH.eval(jedis, List.of(keys.session(key)), List.of(
                Long.toString(RedisKeys.micros(clock.instant())),
                Long.toString(RedisKeys.micros(lastActiveAt)),
                Long.toString(RedisKeys.TTL_MARGIN.toMillis()),
                keys.tag(key.partition()) + "u:",
                key.digest()));
        return Long.valueOf(1).equals(touched);
    }

    @Override
    public boolean delete(CredentialKey key) {
        Object deleted = DELETE.eval(jedis, List.of(keys.session(key)), List.of(
                Long.toString(RedisKeys.micros(clock.instant())),
                key.digest(),
                keys.tag(key.partition()) + "u:",
                keys.invalidationChannel(),
                Invalidation.session(key)));
        return Long.valueOf(1).equals(deleted);
    }

    @Override
    public int deleteAllOfUser(String userId, Optional<CredentialKey> keep) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(keep, "keep");
        Object deleted = DELETE_ALL.eval(jedis, List.of(keys.sessionIndex(userId)), List.of(
                Long.toString(RedisKeys.micros(clock.instant())),
                keys.sessionPrefix(userId),
                keep.map(CredentialKey::digest).orElse(""),
                keys.invalidationChannel(),
                Invalidation.user(Credential.partitionOf(userId))));
        return ((Long) deleted).intValue();
    }

    private static Map<String, String> fields(Session s) {
        Map<String, String> f = new HashMap<>();
        f.put("k", s.key().digest());
        f.put("u", s.userId());
        f.put("x", RedisKeys.escape(s.userId()));
        f.put("h", s.handle());
        f.put("c", Long.toString(RedisKeys.micros(s.createdAt())));
        f.put("a", Long.toString(RedisKeys.micros(s.lastActiveAt())));
        f.put("X", Long.toString(RedisKeys.micros(s.absoluteExpiry())));
        f.put("i", Long.toString(RedisKeys.micros(s.idleTimeout())));
        f.put("e", Long.toString(RedisKeys.micros(s.expiresAt())));
        f.put("b", s.device().browser());
        f.put("o", s.device().os());
        f.put("ip", s.device().ip());
        f.put("ua", s.device().userAgent());
        return f;
    }

    /** The session in {@code hash} when it is well-formed and active at {@code now}. */
    private static Optional<Session> active(CredentialKey key, Map<String, String> f, Instant now) {
        try {
            Session session = new Session(key, f.get("h"), f.get("u"), RedisKeys.instant(f.get("c")),
                    RedisKeys.instant(f.get("a")), RedisKeys.instant(f.get("X")),
                    Duration.of(Long.parseLong(f.get("i")), ChronoUnit.MICROS),
                    new Device(f.get("b"), f.get("o"), f.get("ip"), f.get("ua")));
            return session.isActiveAt(now) ? Optional.of(session) : Optional.empty();
        } catch (RuntimeException e) {
            throw new StoreException("a session record in Redis is malformed", e);
        }
    }

    static Map<String, String> pairs(List<?> flat) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return map;
    }
}
