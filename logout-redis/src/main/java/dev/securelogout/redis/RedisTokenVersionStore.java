package dev.securelogout.redis;

import dev.securelogout.core.credential.PartitionKey;
import dev.securelogout.core.spi.StoreException;
import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.token.TokenState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * A {@link TokenVersionStore} over Redis, standalone or Cluster, guarding itself and the
 * {@link RedisAccessTokenDenylist} of the same prefix against data loss with an epoch; it also
 * answers the whole strict access-token check in one round trip ({@link #refuses}).
 *
 * <p><b>Keys.</b> {@code <prefix>:{<partition>}:v:<base64url(userId)>}, a hash of the user's version
 * {@code v} and not-before {@code nb} (microseconds), advanced by one Lua script on the user's slot
 * and kept for the retention after its last advance; and {@code <prefix>:epoch},
 * {@code <version>:<not-before>}, which never expires.
 *
 * <p><b>The epoch.</b> A user's state is the component-wise maximum of the user's hash and the
 * epoch; a user without a hash has the epoch's. When the epoch is missing, Redis is new or lost its
 * data, and no node can tell which: whichever node finds it missing first, starting or running,
 * writes (with {@code SET NX}) the current instant as both version and not-before, in microseconds.
 * Every access token issued before is refused from then on (by {@code iat}, or by its version
 * claim, now far below) and clients refresh; earlier denylist entries and token states can never
 * count as never issued. Every read asks for the epoch in the same round trip, so each node sees a
 * loss at its next check. {@link #provisionNew} declares a namespace new, with versions from 0:
 * for a deployment script, never for application start.
 *
 * <p><b>Time.</b> Deadlines and not-befores come from this store's {@link Clock}.
 *
 * <p>Thread-safe (as the {@link UnifiedJedis} given). Every Redis failure is a {@link StoreException}.
 */
public final class RedisTokenVersionStore implements TokenVersionStore {

    /** How long a token state outlives its last advance when not configured. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    private static final Logger LOG = LoggerFactory.getLogger(RedisTokenVersionStore.class);

    private static final Commands.Script ADVANCE = Commands.Script.of("advance a token state", """
            local f = redis.call('HMGET', KEYS[1], 'v', 'nb')
            local v = math.max(tonumber(f[1] or '0'), tonumber(ARGV[1])) + 1
            local nb = math.max(tonumber(f[2] or '0'), tonumber(ARGV[2]), tonumber(ARGV[3]))
            v = string.format('%.0f', v)
            nb = string.format('%.0f', nb)
            redis.call('HSET', KEYS[1], 'v', v, 'nb', nb)
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            redis.call('PUBLISH', ARGV[5], ARGV[6])
            return {v, nb}
            """);
    private static final Commands.Script RENEW_EPOCH = Commands.Script.of("write the epoch", """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX') then redis.call('PUBLISH', ARGV[2], ARGV[3]) end
            return redis.call('GET', KEYS[1])
            """);

    private final UnifiedJedis jedis;
    private final RedisKeys keys;
    private final PartitionKey partitions;
    private final Clock clock;
    private final Duration retention;
    /** Whether this store has read or written the epoch: a missing epoch is then a data loss, not a new namespace. */
    private volatile boolean epochSeen;

    /**
     * A store with the {@link #DEFAULT_RETENTION}.
     *
     * @param jedis  a {@code RedisClient} or a {@code RedisClusterClient}, configured and owned by the caller
     * @param prefix the key prefix, 1 to 64 of {@code A-Z a-z 0-9 . _ -}
     * @param partitions the partition key of the engine's secret key, shared by every node
     * @param clock  the clock of not-befores and of a new epoch
     * @throws IllegalArgumentException when the prefix is invalid
     */
    public RedisTokenVersionStore(UnifiedJedis jedis, String prefix, PartitionKey partitions, Clock clock) {
        this(jedis, prefix, partitions, clock, DEFAULT_RETENTION);
    }

    /**
     * A store over Redis. Touches nothing in Redis until used.
     *
     * @param jedis     a {@code RedisClient} or a {@code RedisClusterClient}, configured and owned by the caller
     * @param prefix    the key prefix, 1 to 64 of {@code A-Z a-z 0-9 . _ -}
     * @param partitions the partition key of the engine's secret key, shared by every node
     * @param clock     the clock of not-befores and of a new epoch
     * @param retention how long a user's state outlives its last advance: at least the longest
     *                  lifetime of an access token
     * @throws IllegalArgumentException when the prefix is invalid or the retention not positive
     */
    public RedisTokenVersionStore(UnifiedJedis jedis, String prefix, PartitionKey partitions, Clock clock,
                                  Duration retention) {
        this.jedis = Objects.requireNonNull(jedis, "jedis");
        this.keys = new RedisKeys(prefix);
        this.partitions = Objects.requireNonNull(partitions, "partitions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
    }

    /** The partition of {@code userId}'s keys under this store's partition key. */
    String partitionOf(String userId) {
        return partitions.partitionOf(userId);
    }

    /**
     * Declares the namespace {@code prefix} new: writes the epoch as {@link TokenState#INITIAL} unless
     * one exists, so versions start at 0. Only for a namespace that never held data (a deployment
     * script, a test); run after Redis lost its data, it would let every access token revoked before
     * the loss through.
     *
     * @param jedis  the client of the stores
     * @param prefix the key prefix of the namespace
     * @return whether the epoch was written
     * @throws StoreException when Redis cannot be reached
     */
    public static boolean provisionNew(UnifiedJedis jedis, String prefix) {
        String epoch = new RedisKeys(prefix).epoch();
        return Commands.run("write the epoch", () -> jedis.setnx(epoch, "0:0") == 1);
    }

    /**
     * Checks that the epoch is intact, for
     * {@code LogoutEngine.Builder.healthProbe("redisEpoch", store::checkEpoch)}: present and well
     * formed. Missing before this store ever saw one, the namespace is new and the epoch is written
     * now, as the first read would. Missing after this store saw one, Redis lost its data: this
     * throws until a read writes a new epoch (refusing every access token issued before, with a
     * WARN line).
     *
     * @throws StoreException when Redis cannot answer, or the epoch is gone or malformed
     */
    public void checkEpoch() {
        String value = Commands.run("read the epoch", () -> jedis.get(keys.epoch()));
        if (value == null && epochSeen) {
            throw new StoreException("the epoch " + keys.epoch() + " is gone: Redis lost its data");
        }
        epoch(value != null ? value : renewEpoch());
        epochSeen = true;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One round trip (the user's state and the epoch, pipelined), two when the epoch is missing.
     */
    @Override
    public TokenState tokenState(String userId) {
        Objects.requireNonNull(userId, "userId");
        return read(userId, List.of()).state();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Two round trips: the epoch, then one script on the user's slot.
     */
    @Override
    public TokenState advance(String userId, Instant notBefore) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(notBefore, "notBefore");
        String value = Commands.run("read the epoch", () -> jedis.get(keys.epoch()));
        TokenState base = epoch(value != null ? value : renewEpoch());
        String partition = partitionOf(userId);
        List<?> result = (List<?>) ADVANCE.eval(jedis, List.of(keys.tokenState(partition, userId)), List.of(
                Long.toString(base.version()), RedisKeys.stamp(base.notBefore()), RedisKeys.stamp(notBefore),
                Long.toString(retention.toMillis()), keys.invalidationChannel(),
                Invalidation.user(partition)));
        return state(String.valueOf(result.get(0)), String.valueOf(result.get(1)));
    }

    /**
     * The strict access-token check in one round trip: whether the token is on the denylist of
     * this prefix (a {@link RedisAccessTokenDenylist}'s entries), by its id or, when it names one,
     * by its grant's entry ({@link AccessTokenId#ofGrant}), or issued before its subject's token
     * state. The denylist entries, the user's state and the epoch are read in one pipeline: one
     * round trip on standalone Redis, parallel ones to at most four masters in Cluster.
     *
     * @param claims the verified access token's claims
     * @return true when the token must be refused
     * @throws StoreException when Redis cannot answer (never a guess)
     */
    public boolean refuses(AccessTokenClaims claims) {
        Objects.requireNonNull(claims, "claims");
        List<String> deniedKeys = new ArrayList<>(2);
        deniedKeys.add(keys.denied(claims.id().issuer(), claims.id().jti()));
        claims.grant().ifPresent(grant -> deniedKeys.add(keys.denied(AccessTokenId.GRANT_ISSUER, grant)));
        Reading reading = read(claims.subject(), deniedKeys);
        Instant now = clock.instant();
        for (@Nullable String entry : reading.deniedUntil()) {
            if (RedisAccessTokenDenylist.until(entry).filter(now::isBefore).isPresent()) {
                return true;
            }
        }
        return reading.state().supersedes(claims);
    }

    /** A user's state and the denylist entries asked for (null where absent), read together. */
    private record Reading(TokenState state, List<@Nullable String> deniedUntil) {
    }

    /** The replies of one read: the user's {@code v} and {@code nb}, the epoch, the denylist entries. */
    private record Replies(List<String> state, @Nullable String epoch, List<@Nullable String> denied) {
    }

    private Reading read(String userId, List<String> deniedKeys) {
        Replies replies = Commands.run("read a token state", () -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                Response<List<String>> state = pipeline.hmget(keys.tokenState(partitionOf(userId), userId), "v", "nb");
                Response<String> epoch = pipeline.get(keys.epoch());
                List<Response<String>> denied = new ArrayList<>(deniedKeys.size());
                for (String key : deniedKeys) {
                    denied.add(pipeline.get(key));
                }
                pipeline.sync();
                List<@Nullable String> entries = new ArrayList<>(denied.size());
                for (Response<String> entry : denied) {
                    entries.add(entry.get());
                }
                return new Replies(state.get(), epoch.get(), entries);
            }
        });
        TokenState base = epoch(replies.epoch() != null ? replies.epoch() : renewEpoch());
        if (!epochSeen) {
            epochSeen = true;
        }
        List<String> stored = replies.state();
        TokenState own = stored.get(0) == null ? base : state(stored.get(0), stored.get(1));
        TokenState effective = new TokenState(Math.max(own.version(), base.version()),
                own.notBefore().isAfter(base.notBefore()) ? own.notBefore() : base.notBefore());
        return new Reading(effective, replies.denied());
    }

    /** Writes the epoch as now unless another node just did; returns the epoch in Redis. */
    private String renewEpoch() {
        String now = Long.toString(RedisKeys.micros(clock.instant()));
        String written = (String) RENEW_EPOCH.eval(jedis, List.of(keys.epoch()),
                List.of(now + ":" + now, keys.invalidationChannel(), Invalidation.EPOCH));
        LOG.warn("no epoch under {}: Redis is new or lost its data; access tokens issued before {} are refused",
                keys.epoch(), epoch(written).notBefore());
        return written;
    }

    private static TokenState epoch(String value) {
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
}
