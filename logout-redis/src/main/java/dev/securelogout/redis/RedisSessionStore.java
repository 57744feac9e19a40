package dev.securelogout.redis;

import dev.securelogout.core.credential.PartitionKey;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.session.Registration;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.spi.SessionExpiryListener;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;

/**
 * A {@link SessionStore} over Redis, standalone or Cluster: one hash per session, and per user a
 * sorted set of that user's session digests scored by expiry, so that listing or ending a user's
 * sessions costs O(that user's sessions). Nothing here uses {@code SCAN}, {@code KEYS},
 * {@code CONFIG} or keyspace notifications.
 *
 * <p><b>Keys.</b> {@code <prefix>:{<partition>}:s:<digest>} and
 * {@code <prefix>:{<partition>}:u:<base64url(userId)>}; the partition is
 * {@code partitions.partitionOf(userId)}, so a session's key must carry its user's partition (as
 * every key the engine draws with the same secret key does). A user's keys share one Cluster slot, and
 * register (with its session limit), touch, re-authentication and every delete of a user's
 * sessions are each one atomic Lua script on that slot.
 *
 * <p><b>Provider sessions.</b> The sessions of one identity-provider session may belong to any
 * user, so their index, {@code <prefix>:{<sha256(issuer, sid)>}:p}, lives in a slot of its own and
 * lists {@code <partition> <digest>} pairs. Register adds the pair before it stores the session;
 * {@link #deleteByProviderSession} reads the index, runs one script per partition that deletes
 * the sessions still naming that provider session, then removes the pairs of the sessions it
 * deleted. Other pairs (sessions ended otherwise, or a registration still under way) stay until the
 * index expires with its longest-lived session.
 *
 * <p><b>Time.</b> Every deadline is stored as a value and judged by this store's {@link Clock};
 * each record also gets a native relative TTL a minute past its deadline ({@code PEXPIRE}), so
 * nothing outlives its use, whatever the Redis server's own clock says. The index is trimmed of
 * expired members on every write and read.
 *
 * <p><b>Invalidation.</b> Every script that ends or changes a session other than by activity
 * publishes, inside the script, an invalidation on {@code <prefix>:invalidate} for the
 * {@link RedisNearCache} of every node.
 *
 * <p>Thread-safe (as the {@link UnifiedJedis} given). Every Redis failure is a {@link StoreException}.
 */
public final class RedisSessionStore implements SessionStore {

    /** The key prefix used when none is given. */
    public static final String DEFAULT_PREFIX = "securelogout";

    /** {@code live(index, prefix, now)}: the index's sessions as {digest, lastActiveAt, handle}; drops gone members. */
    private static final String LIVE = """
            local function live(index, prefix, now)
              redis.call('ZREMRANGEBYSCORE', index, '-inf', now)
              local out = {}
              for _, d in ipairs(redis.call('ZRANGE', index, 0, -1)) do
                local f = redis.call('HMGET', prefix .. d, 'a', 'h', 'e')
                if f[1] and tonumber(f[3]) > tonumber(now) then
                  out[#out + 1] = {d, tonumber(f[1]), f[2]}
                else
                  redis.call('ZREM', index, d)
                end
              end
              return out
            end
            """;
    /**
     * {@code take(index, prefix, d, now, out)}: deletes session {@code d} and unindexes it; appends its
     * hash to {@code out} when it was active.
     */
    private static final String TAKE = """
            local function take(index, prefix, d, now, out)
              local h = redis.call('HGETALL', prefix .. d)
              if #h == 0 then return end
              redis.call('DEL', prefix .. d)
              redis.call('ZREM', index, d)
              for i = 1, #h, 2 do
                if h[i] == 'e' and tonumber(h[i + 1]) > tonumber(now) then out[#out + 1] = h end
              end
            end
            """;
    private static final Commands.Script REGISTER = Commands.Script.of("register a session",
            Commands.KEEP_TTL + LIVE + TAKE + """
            if redis.call('EXISTS', KEYS[1]) == 1 then return {0} end
            local now = ARGV[1]
            local out = {1}
            if ARGV[5] ~= '' then
              local active = live(KEYS[2], ARGV[7], now)
              local excess = #active + 1 - tonumber(ARGV[5])
              if excess > 0 then
                if ARGV[6] == '1' then return {2} end
                table.sort(active, function(p, q)
                  if p[2] ~= q[2] then return p[2] < q[2] end
                  return p[3] < q[3]
                end)
                for n = 1, excess do take(KEYS[2], ARGV[7], active[n][1], now, out) end
                redis.call('PUBLISH', ARGV[8], ARGV[9])
              end
            else
              redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
            end
            redis.call('HSET', KEYS[1], unpack(ARGV, 10))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[4])
            keep(KEYS[2], ARGV[3])
            return out
            """);
    private static final Commands.Script INDEX_PROVIDER = Commands.Script.of("index a provider session",
            Commands.KEEP_TTL + """
            redis.call('SADD', KEYS[1], ARGV[1])
            keep(KEYS[1], ARGV[2])
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
    private static final Commands.Script TOUCH = Commands.Script.of("touch a session", Commands.KEEP_TTL + """
            local f = redis.call('HMGET', KEYS[1], 'a', 'X', 'i', 'e', 'x')
            local now = tonumber(ARGV[1])
            if not f[4] or tonumber(f[4]) <= now then return 0 end
            if tonumber(ARGV[2]) <= tonumber(f[1]) then return 1 end
            local a = tonumber(ARGV[2])
            local e = math.min(a + tonumber(f[3]), tonumber(f[2]))
            local ttl = math.floor((e - now) / 1000) + tonumber(ARGV[3])
            redis.call('HSET', KEYS[1], 'a', string.format('%.0f', a), 'e', string.format('%.0f', e), 'l', ARGV[6])
            redis.call('PEXPIRE', KEYS[1], ttl)
            local index = ARGV[4] .. f[5]
            redis.call('ZADD', index, string.format('%.0f', e), ARGV[5])
            keep(index, ttl)
            return 1
            """);
    private static final Commands.Script REAUTHENTICATE = Commands.Script.of("re-authenticate a session", """
            local f = redis.call('HMGET', KEYS[1], 'e', 'A')
            if not f[1] or tonumber(f[1]) <= tonumber(ARGV[1]) then return 0 end
            if tonumber(ARGV[2]) > tonumber(f[2]) then
              redis.call('HSET', KEYS[1], 'A', ARGV[2])
              redis.call('PUBLISH', ARGV[3], ARGV[4])
            end
            return 1
            """);
    private static final Commands.Script DELETE = Commands.Script.of("delete a session", TAKE + """
            local x = redis.call('HGET', KEYS[1], 'x')
            if not x then return {} end
            local out = {}
            take(ARGV[3] .. x, ARGV[2], ARGV[4], ARGV[1], out)
            redis.call('PUBLISH', ARGV[5], ARGV[6])
            return out
            """);
    /** Deletes and unindexes the session only while it is past its deadline; 1 when this call deleted it. */
    private static final Commands.Script TAKE_EXPIRED = Commands.Script.of("remove an expired session", """
            local f = redis.call('HMGET', KEYS[1], 'e', 'x')
            if not f[1] or tonumber(f[1]) > tonumber(ARGV[1]) then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', ARGV[2] .. f[2], ARGV[3])
            return 1
            """);
    private static final Commands.Script DELETE_DEVICE = Commands.Script.of("delete a device's sessions", TAKE + """
            local out = {}
            for _, d in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              if redis.call('HGET', ARGV[2] .. d, 'h') == ARGV[3] then take(KEYS[1], ARGV[2], d, ARGV[1], out) end
            end
            if #out > 0 then redis.call('PUBLISH', ARGV[4], ARGV[5]) end
            return out
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
    /**
     * KEYS: session keys of one partition; ARGV: now, issuer, sid, session prefix, index prefix,
     * channel, message. Returns the digests it deleted, then the hashes of the active ones.
     */
    private static final Commands.Script DELETE_OF_PROVIDER = Commands.Script.of("delete a provider session's sessions",
            TAKE + """
            local out = {{}}
            for n = 1, #KEYS do
              local f = redis.call('HMGET', KEYS[n], 'pi', 'ps', 'x', 'k')
              if f[1] == ARGV[2] and f[2] == ARGV[3] then
                take(ARGV[5] .. f[3], ARGV[4], f[4], ARGV[1], out)
                out[1][#out[1] + 1] = f[4]
              end
            end
            if #out[1] > 0 then redis.call('PUBLISH', ARGV[6], ARGV[7]) end
            return out
            """);

    private final UnifiedJedis jedis;
    private final RedisKeys keys;
    private final PartitionKey partitions;
    private final Clock clock;
    private final List<SessionExpiryListener> expiryListeners = new CopyOnWriteArrayList<>();

    /**
     * A store over Redis.
     *
     * @param jedis  a {@code RedisClient} or a {@code RedisClusterClient}, configured and owned by the caller
     * @param prefix the key prefix, 1 to 64 of {@code A-Z a-z 0-9 . _ -}
     * @param partitions the partition key of the engine's secret key, shared by every node
     * @param clock  the clock that judges expiry
     * @throws IllegalArgumentException when the prefix is not 1 to 64 of {@code A-Z a-z 0-9 . _ -}
     */
    public RedisSessionStore(UnifiedJedis jedis, String prefix, PartitionKey partitions, Clock clock) {
        this.jedis = Objects.requireNonNull(jedis, "jedis");
        this.keys = new RedisKeys(prefix);
        this.partitions = Objects.requireNonNull(partitions, "partitions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * {@inheritDoc}
     *
     * <p>One script on the user's slot counts the user's active sessions, evicts or refuses, and
     * stores the session; a session from a provider is added to that provider session's index
     * first (a separate command on the index's slot).
     *
     * @throws IllegalArgumentException when the key's partition is not its user's
     * @throws IllegalStateException    when a session with this key exists
     */
    @Override
    public Registration register(Session session, SessionLimit limit) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(limit, "limit");
        String partition = session.key().partition();
        if (!partition.equals(partitionOf(session.userId()))) {
            if (Commands.run("find a session", () -> jedis.exists(keys.session(session.key())))) {
                throw new IllegalStateException("a session with this key exists");
            }
            throw new IllegalArgumentException("a session key must carry its user's partition: "
                    + "give the engine and the Redis stores the same secret key");
        }
        Instant now = clock.instant();
        String ttl = Long.toString(RedisKeys.ttlMillis(now, session.expiresAt()));
        session.provider().ifPresent(provider -> INDEX_PROVIDER.eval(jedis, List.of(keys.provider(provider)),
                List.of(partition + " " + session.key().digest(),
                        Long.toString(RedisKeys.ttlMillis(now, session.absoluteExpiry())))));
        boolean limited = limit.maximum() != Integer.MAX_VALUE;
        List<String> args = new ArrayList<>(List.of(
                RedisKeys.stamp(now),
                RedisKeys.stamp(session.expiresAt()),
                ttl,
                session.key().digest(),
                limited ? Integer.toString(limit.maximum()) : "",
                limit.onExceed() == SessionLimit.OnExceed.REFUSE ? "1" : "0",
                keys.sessionPrefix(partition),
                keys.invalidationChannel(),
                Invalidation.user(partition)));
        fields(session).forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        List<?> result = (List<?>) REGISTER.eval(jedis, List.of(keys.session(session.key()),
                keys.sessionIndex(partition, session.userId())), args);
        return switch (((Long) result.get(0)).intValue()) {
            case 0 -> throw new IllegalStateException("a session with this key exists");
            case 2 -> Registration.refused();
            default -> new Registration(true, sessions(partition, result.subList(1, result.size()), null));
        };
    }

    /** The partition of {@code userId}'s keys under this store's partition key. */
    String partitionOf(String userId) {
        return partitions.partitionOf(userId);
    }

    @Override
    public Optional<Session> find(CredentialKey key) {
        Map<String, String> hash = Commands.run("find a session", () -> jedis.hgetAll(keys.session(key)));
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        Session session = session(key.partition(), hash);
        Instant now = clock.instant();
        if (session.isActiveAt(now)) {
            return Optional.of(session);
        }
        if (!expiryListeners.isEmpty() && Long.valueOf(1).equals(TAKE_EXPIRED.eval(jedis, List.of(keys.session(key)),
                List.of(RedisKeys.stamp(now), keys.tag(key.partition()) + "u:", key.digest())))) {
            SessionExpiryListener.report(expiryListeners, session);
        }
        return Optional.empty();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Redis expires a session's record itself, a minute past its deadline, and this store never
     * uses keyspace notifications (they need server configuration). So it observes an expiry only
     * when {@link #find} meets a record past its deadline and still there (a request presenting the
     * session within that minute): it then deletes the record, and the one call whose delete
     * succeeded, on whichever node, reports it. A session nobody presents again is not reported.
     */
    @Override
    public void onExpiry(SessionExpiryListener listener) {
        expiryListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public List<Session> findByUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        Instant now = clock.instant();
        String partition = partitionOf(userId);
        Object found = FIND_BY_USER.eval(jedis, List.of(keys.sessionIndex(partition, userId)),
                List.of(RedisKeys.stamp(now), keys.sessionPrefix(partition)));
        return sessions(partition, (List<?>) found, userId).stream()
                .filter(session -> session.isActiveAt(now))
                .toList();
    }

    @Override
    public boolean touch(CredentialKey key, Instant lastActiveAt, String ip) {
        Objects.requireNonNull(lastActiveAt, "lastActiveAt");
        Object touched = TOUCH.eval(jedis, List.of(keys.session(key)), List.of(
                RedisKeys.stamp(clock.instant()),
                RedisKeys.stamp(lastActiveAt),
                Long.toString(RedisKeys.TTL_MARGIN.toMillis()),
                keys.tag(key.partition()) + "u:",
                key.digest(),
                cleanIp(ip)));
        return Long.valueOf(1).equals(touched);
    }

    @Override
    public boolean reauthenticate(CredentialKey key, Instant at) {
        Objects.requireNonNull(at, "at");
        Object done = REAUTHENTICATE.eval(jedis, List.of(keys.session(key)), List.of(
                RedisKeys.stamp(clock.instant()),
                RedisKeys.stamp(at),
                keys.invalidationChannel(),
                Invalidation.session(key)));
        return Long.valueOf(1).equals(done);
    }

    @Override
    public Optional<Session> delete(CredentialKey key) {
        Object deleted = DELETE.eval(jedis, List.of(keys.session(key)), List.of(
                RedisKeys.stamp(clock.instant()),
                keys.tag(key.partition()) + "s:",
                keys.tag(key.partition()) + "u:",
                key.digest(),
                keys.invalidationChannel(),
                Invalidation.session(key)));
        return sessions(key.partition(), (List<?>) deleted, null).stream().findFirst();
    }

    @Override
    public List<Session> deleteDevice(String userId, String handle) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(handle, "handle");
        String partition = partitionOf(userId);
        Object deleted = DELETE_DEVICE.eval(jedis, List.of(keys.sessionIndex(partition, userId)), List.of(
                RedisKeys.stamp(clock.instant()),
                keys.sessionPrefix(partition),
                handle,
                keys.invalidationChannel(),
                Invalidation.user(partition)));
        return sessions(partition, (List<?>) deleted, userId);
    }

    @Override
    public int deleteAllOfUser(String userId, Optional<CredentialKey> keep) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(keep, "keep");
        String partition = partitionOf(userId);
        Object deleted = DELETE_ALL.eval(jedis, List.of(keys.sessionIndex(partition, userId)), List.of(
                RedisKeys.stamp(clock.instant()),
                keys.sessionPrefix(partition),
                keep.map(CredentialKey::digest).orElse(""),
                keys.invalidationChannel(),
                Invalidation.user(partition)));
        return ((Long) deleted).intValue();
    }

    /**
     * {@inheritDoc}
     *
     * <p>One read of the provider session's index, one script per user partition it names (each
     * atomic on that partition's slot), then one removal of the pairs of the deleted sessions; a
     * failure part-way leaves the index in place, so a retry finishes the job.
     */
    @Override
    public List<Session> deleteByProviderSession(ProviderSession providerSession) {
        Objects.requireNonNull(providerSession, "providerSession");
        String index = keys.provider(providerSession);
        List<String> pairs = List.copyOf(Commands.run("read a provider session's index", () -> jedis.smembers(index)));
        Map<String, List<String>> byPartition = new LinkedHashMap<>();
        for (String pair : pairs) {
            int space = pair.indexOf(' ');
            if (space > 0) {
                byPartition.computeIfAbsent(pair.substring(0, space), p -> new ArrayList<>()).add(pair.substring(space + 1));
            }
        }
        String now = RedisKeys.stamp(clock.instant());
        List<Session> deleted = new ArrayList<>();
        List<String> done = new ArrayList<>();
        byPartition.forEach((partition, digests) -> {
            List<String> sessionKeys = digests.stream().map(d -> keys.tag(partition) + "s:" + d).toList();
            List<?> ended = (List<?>) DELETE_OF_PROVIDER.eval(jedis, sessionKeys, List.of(now, providerSession.issuer(),
                    providerSession.sessionId(), keys.tag(partition) + "s:", keys.tag(partition) + "u:",
                    keys.invalidationChannel(), Invalidation.user(partition)));
            ((List<?>) ended.get(0)).forEach(digest -> done.add(partition + " " + digest));
            deleted.addAll(sessions(partition, ended.subList(1, ended.size()), null));
        });
        if (!done.isEmpty()) {
            Commands.run("unindex a provider session's sessions", () -> jedis.srem(index, done.toArray(String[]::new)));
        }
        return deleted;
    }

    /** {@code ip} sanitised as a {@link Session} sanitises its last-seen IP, before it is stored. */
    private static String cleanIp(String ip) {
        return new Device("", "", ip, "").ip();
    }

    private static Map<String, String> fields(Session s) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("k", s.key().digest());
        f.put("u", s.userId());
        f.put("x", RedisKeys.escape(s.userId()));
        f.put("h", s.handle());
        f.put("c", RedisKeys.stamp(s.createdAt()));
        f.put("a", RedisKeys.stamp(s.lastActiveAt()));
        f.put("X", RedisKeys.stamp(s.absoluteExpiry()));
        f.put("i", Long.toString(RedisKeys.micros(s.idleTimeout())));
        f.put("e", RedisKeys.stamp(s.expiresAt()));
        f.put("b", s.device().browser());
        f.put("o", s.device().os());
        f.put("ip", s.device().ip());
        f.put("ua", s.device().userAgent());
        f.put("A", RedisKeys.stamp(s.authenticatedAt()));
        f.put("l", s.lastSeenIp());
        s.provider().ifPresent(provider -> {
            f.put("pi", provider.issuer());
            f.put("ps", provider.sessionId());
        });
        return f;
    }

    /** The sessions in a script's list of hashes, those of {@code userId} only when it is given. */
    private static List<Session> sessions(String partition, List<?> hashes, @Nullable String userId) {
        List<Session> sessions = new ArrayList<>();
        for (Object entry : hashes) {
            Map<String, String> hash = Commands.hash((List<?>) entry);
            if (userId == null || userId.equals(hash.get("u"))) {
                sessions.add(session(partition, hash));
            }
        }
        return sessions;
    }

    /** The session in {@code hash}, whatever its expiry. */
    private static Session session(String partition, Map<String, String> f) {
        try {
            Optional<ProviderSession> provider = f.containsKey("pi")
                    ? Optional.of(new ProviderSession(RedisKeys.field(f, "pi"), RedisKeys.field(f, "ps"))) : Optional.empty();
            return new Session(new CredentialKey(partition, RedisKeys.field(f, "k")), RedisKeys.field(f, "h"), RedisKeys.field(f, "u"),
                    RedisKeys.instant(RedisKeys.field(f, "c")), RedisKeys.instant(RedisKeys.field(f, "a")), RedisKeys.instant(RedisKeys.field(f, "X")),
                    Duration.of(Long.parseLong(RedisKeys.field(f, "i")), ChronoUnit.MICROS),
                    new Device(RedisKeys.field(f, "b"), RedisKeys.field(f, "o"), RedisKeys.field(f, "ip"), RedisKeys.field(f, "ua")),
                    RedisKeys.instant(RedisKeys.field(f, "A")), RedisKeys.field(f, "l"), provider);
        } catch (RuntimeException e) {
            throw new StoreException("a session record in Redis is malformed", e);
        }
    }
}
