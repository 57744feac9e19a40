package dev.securelogout.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.securelogout.core.internal.AdvancingTicker;
import dev.securelogout.core.internal.SetOnce;
import dev.securelogout.core.monitor.EngineMonitor;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.token.TokenState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A node-local cache in front of the per-request checks: {@link SessionStore#find},
 * {@link AccessTokenDenylist#isDenied} and {@link TokenVersionStore#tokenState}. It wraps the Redis
 * stores ({@link #sessions}, {@link #denylist}, {@link #tokenVersions}); everything else passes
 * through, and refresh and remember-me tokens ({@link RedisPersistentTokenStore}) are never cached:
 * their use is rare and must be exact. Without it the stores are in strict mode: every check asks
 * Redis.
 *
 * <p><b>Staying honest.</b> Every revocation in Redis publishes an invalidation (inside the same
 * Lua script) that every node's {@link RedisPubSub} delivers here. Three more rules bound what a
 * lost message can do:
 * <ul>
 *   <li>every entry expires after {@code staleness} (by the given clock) whatever happens, so no
 *       revoked credential is accepted longer than that after its revocation;</li>
 *   <li>while the subscription is down nothing is cached, and the cache is flushed when it goes
 *       down and again when it is re-established;</li>
 *   <li>an answer read from Redis is kept only if no invalidation of any kind reached this node
 *       while the read was in flight (a generation counter, the placeholder technique of Redis's
 *       client-side caching notes), so a "still alive" read racing a revocation is never cached.</li>
 * </ul>
 * Only "alive" answers are cached for sessions; both answers for the denylist (a denial cannot be
 * undone), with the entry's expiry; token states as read. A cached session or denial is re-checked
 * against the clock on every hit. A new epoch (Redis lost its data) flushes everything.
 *
 * <p>Built once with {@link #builder}; thread-safe; {@link #close} detaches it from the
 * subscription. Store failures pass through as they are.
 */
public final class RedisNearCache implements AutoCloseable {

    /** The staleness bound when not configured. */
    public static final Duration DEFAULT_STALENESS = Duration.ofSeconds(1);
    /** The entries kept per cache when not configured. */
    public static final long DEFAULT_MAXIMUM_SIZE = 100_000;

    /** A token state cached with its user's partition, which invalidations name. */
    record CachedState(String partition, TokenState state) {
    }

    private final RedisPubSub pubSub;
    /** The caches' time: every lookup first advances it to the clock's, so a hit on a session reads no clock of its own. */
    private final AdvancingTicker ticker;
    private final EngineMonitor monitor;
    private final boolean monitored;
    /** Hits reported, racy: it only picks the hits whose age is read. */
    private int hits;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong flushes = new AtomicLong();
    /** Alive sessions by the digest of their id: a session invalidation is one lookup, not a scan. */
    final Cache<String, Session> sessions;
    final Cache<String, Optional<Instant>> denied;
    final Cache<String, CachedState> states;
    /**
     * The denylist key of each access token id seen: a function of the id (never flushed), so that
     * a hit, the per-request path, neither digests the id nor hashes a fresh key string.
     */
    final Cache<AccessTokenId, String> deniedKeys;
    private final RedisPubSub.Listener listener;

    private RedisNearCache(Builder b) {
        this.pubSub = b.pubSub;
        this.ticker = new AdvancingTicker(b.clock);
        this.monitor = b.monitor;
        this.monitored = b.monitor != EngineMonitor.NONE;
        this.sessions = cache(b, ticker);
        this.denied = cache(b, ticker);
        this.states = cache(b, ticker);
        this.deniedKeys = Caffeine.newBuilder().maximumSize(b.maximumSize).build();
        String channel = pubSub.keys().invalidationChannel();
        this.listener = new RedisPubSub.Listener() {
            @Override
            public void onMessage(String from, String message) {
                if (channel.equals(from)) {
                    Invalidation.parse(message).ifPresent(invalidation -> {
                        monitor.nearCacheInvalidation(invalidation.kind().name().toLowerCase(Locale.ROOT));
                        invalidate(invalidation);
                    });
                }
            }

            @Override
            public void onConnected() {
                monitor.nearCacheInvalidation("flush");
                flush();
            }

            @Override
            public void onDisconnected() {
                monitor.nearCacheInvalidation("flush");
                flush();
            }
        };
        pubSub.addListener(listener);
    }

    private static <K, V> Cache<K, V> cache(Builder b, AdvancingTicker ticker) {
        return Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(b.staleness)
                .maximumSize(b.maximumSize)
                .build();
    }

    /**
     * A builder of a near cache.
     *
     * @param pubSub the node's subscription that feeds it invalidations
     * @return a builder with the defaults
     */
    public static Builder builder(RedisPubSub pubSub) {
        return new Builder(pubSub);
    }

    /**
     * A session store behind this cache.
     *
     * @param store the store, under the same prefix as the subscription
     * @return {@code store} behind this cache
     */
    public SessionStore sessions(RedisSessionStore store) {
        return new CachingSessionStore(this, Objects.requireNonNull(store, "store"));
    }

    /**
     * A denylist behind this cache.
     *
     * @param denylist the denylist, under the same prefix as the subscription
     * @return {@code denylist} behind this cache
     */
    public AccessTokenDenylist denylist(RedisAccessTokenDenylist denylist) {
        return new CachingAccessTokenDenylist(this, Objects.requireNonNull(denylist, "denylist"));
    }

    /**
     * A token-version store behind this cache.
     *
     * @param store the store, under the same prefix as the subscription
     * @return {@code store} behind this cache
     */
    public TokenVersionStore tokenVersions(RedisTokenVersionStore store) {
        return new CachingTokenVersionStore(this, Objects.requireNonNull(store, "store"));
    }

    /**
     * How many times the cache was flushed.
     *
     * @return the flushes so far: for a lost or re-established subscription, or a new epoch
     */
    public long flushes() {
        return flushes.get();
    }

    /**
     * How many entries the caches hold.
     *
     * @return an estimate of the entries held now
     */
    public long size() {
        return sessions.estimatedSize() + denied.estimatedSize() + states.estimatedSize();
    }

    /** Reads the clock, advancing the caches' time to it. */
    Instant now() {
        return ticker.advance();
    }

    /**
     * The cached value of {@code key}, else {@code load}'s, kept when {@code keep} says so, the
     * subscription is up and no invalidation arrived during the load.
     */
    <K, V> V get(Cache<K, V> cache, K key, Supplier<V> load, Predicate<V> keep) {
        V hit = lookup(cache, key, now());
        if (hit != null) {
            return hit;
        }
        monitor.nearCacheMiss(name(cache));
        long before = generation.get();
        V value = load.get();
        if (keep.test(value) && pubSub.isConnected()) {
            cache.put(key, value);
            if (generation.get() != before) {
                cache.invalidate(key);
            }
        }
        return value;
    }

    /**
     * The entry of {@code key} as {@link #hit} reads it; a hit is reported to the monitor, and one in
     * {@link EngineMonitor#STALENESS_SAMPLE} with its age (reading the age costs a second lookup).
     * The caches' time is first advanced to {@code now}, so no entry older than the staleness bound
     * at {@code now} is a hit.
     */
    <K, V> @Nullable V lookup(Cache<K, V> cache, K key, Instant now) {
        ticker.advanceTo(now);
        @Nullable V hit = hit(cache, key);
        if (hit != null && monitored) {
            String name = name(cache);
            monitor.nearCacheHit(name);
            if (++hits % EngineMonitor.STALENESS_SAMPLE == 0) {
                cache.policy().expireAfterWrite().flatMap(expiry -> expiry.ageOf(key))
                        .ifPresent(age -> monitor.nearCacheStaleness(name, age));
            }
        }
        return hit;
    }

    /** The cache's name in the monitor's calls. */
    private String name(Cache<?, ?> cache) {
        return cache == sessions ? "sessions" : cache == denied ? "denylist" : "tokenVersions";
    }

    /**
     * The entry of {@code key}, read quietly: entries expire after write, so a read changes nothing,
     * and recording it would hand Caffeine's maintenance to another thread every few reads (an
     * unpark on the hot path of every request).
     */
    static <K, V> @Nullable V hit(Cache<K, V> cache, K key) {
        return cache.policy().getIfPresentQuietly(key);
    }

    /** Drops what {@code invalidation} names; the generation moves first, so a racing load is not kept. */
    void invalidate(Invalidation invalidation) {
        generation.incrementAndGet();
        switch (invalidation.kind()) {
            case SESSION -> sessions.invalidate(invalidation.value());
            case USER -> {
                sessions.asMap().values().removeIf(session -> session.key().partition().equals(invalidation.value()));
                states.asMap().values().removeIf(state -> state.partition().equals(invalidation.value()));
            }
            case DENIED -> denied.invalidate(invalidation.value());
            case EPOCH -> flush();
        }
    }

    /** Runs {@code change} (a write to Redis) between two invalidations of what it changes, on this node. */
    <T> T around(Invalidation invalidation, Supplier<T> change) {
        invalidate(invalidation);
        try {
            return change.get();
        } finally {
            invalidate(invalidation);
        }
    }

    private void flush() {
        generation.incrementAndGet();
        sessions.invalidateAll();
        denied.invalidateAll();
        states.invalidateAll();
        flushes.incrementAndGet();
    }

    /** Stops listening to the subscription and empties the cache. */
    @Override
    public void close() {
        pubSub.removeListener(listener);
        flush();
    }

    /** Settings of a {@link RedisNearCache}; each validated when set and given at most once. Not thread-safe. */
    public static final class Builder {
        private final RedisPubSub pubSub;
        private Duration staleness = DEFAULT_STALENESS;
        private long maximumSize = DEFAULT_MAXIMUM_SIZE;
        private Clock clock = Clock.systemUTC();
        private EngineMonitor monitor = EngineMonitor.NONE;
        private final SetOnce once = new SetOnce();

        private Builder(RedisPubSub pubSub) {
            this.pubSub = Objects.requireNonNull(pubSub, "pubSub");
        }

        /**
         * The longest an entry is served without asking Redis.
         *
         * @param value positive; {@link #DEFAULT_STALENESS} by default
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder staleness(Duration value) {
            Objects.requireNonNull(value, "staleness");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("staleness must be positive");
            }
            this.staleness = once.set("staleness", value);
            return this;
        }

        /**
         * The most entries per cache.
         *
         * @param value positive; {@link #DEFAULT_MAXIMUM_SIZE} by default
         * @return this builder
         * @throws IllegalArgumentException when not positive
         */
        public Builder maximumSize(long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("maximumSize must be positive");
            }
            once.mark("maximumSize");
            this.maximumSize = value;
            return this;
        }

        /**
         * The clock that times the staleness bound and re-checks cached deadlines. It must be the
         * engine's: a session check's lookup takes the time the engine read, saving a clock read.
         *
         * @param value the stores' clock; the system clock by default
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = once.set("clock", value);
            return this;
        }

        /**
         * Where hits (with the age of the answer: the staleness it carries), misses and the
         * invalidations received are reported; the engine's monitor, typically.
         *
         * @param value the monitor; none by default
         * @return this builder
         */
        public Builder monitor(EngineMonitor value) {
            this.monitor = once.set("monitor", value);
            return this;
        }

        /**
         * Builds the cache.
         *
         * @return the cache, listening to the subscription from now on
         */
        public RedisNearCache build() {
            return new RedisNearCache(this);
        }
    }
}
