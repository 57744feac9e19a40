package dev.securelogout.redis.bench;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionStore;
import dev.securelogout.redis.RedisNearCache;
import dev.securelogout.redis.RedisPubSub;
import dev.securelogout.redis.RedisSessionStore;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import redis.clients.jedis.RedisClient;

/**
 * The per-request check with the near cache, in strict mode and as one raw {@code EXISTS}, side by
 * side; and logout everywhere at 10, 1,000 and 10,000 sessions. Against the Redis at REDIS_URL
 * (127.0.0.1:6379 by default), under a random prefix it deletes afterwards. Run as described in
 * {@code logout-redis/BENCHMARKS.md}.
 */
public class RedisBenchmark {

    private static final SecureRandom RANDOM = new SecureRandom();

    static RedisClient client() {
        return RedisClient.create(URI.create(System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379")));
    }

    static Session session(String user) {
        Instant now = Instant.now();
        return new Session(Credential.generate(user, RANDOM).key(), UUID.randomUUID().toString().substring(0, 22), user,
                now, now, now.plus(Duration.ofHours(12)), Duration.ofMinutes(30),
                Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "192.0.2.1"));
    }

    /** One registered session, looked up three ways. */
    @State(Scope.Benchmark)
    public static class Check {
        RedisClient jedis;
        RedisClient subscription;
        RedisPubSub pubSub;
        RedisNearCache cache;
        SessionStore strict;
        SessionStore nearCache;
        CredentialKey key;
        String rawKey;
        String user;
        RedisSessionStore store;

        @Setup(Level.Trial)
        public void setUp() {
            String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8);
            jedis = client();
            subscription = client();
            pubSub = RedisPubSub.start(subscription, prefix);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!pubSub.isConnected() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            store = new RedisSessionStore(jedis, prefix, Clock.systemUTC());
            cache = RedisNearCache.builder(pubSub).staleness(Duration.ofSeconds(1)).build();
            strict = store;
            nearCache = cache.sessions(store);
            user = "bench-user";
            Session session = session(user);
            store.register(session);
            key = session.key();
            rawKey = prefix + ":{" + key.partition() + "}:s:" + key.digest();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            store.deleteAllOfUser(user, Optional.empty());
            cache.close();
            pubSub.close();
            subscription.close();
            jedis.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Optional<Session> checkNearCache(Check state) {
        return state.nearCache.find(state.key);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Optional<Session> checkStrict(Check state) {
        return state.strict.find(state.key);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public boolean rawExists(Check state) {
        return state.jedis.exists(state.rawKey);
    }

    /** A user with {@code sessions} sessions, registered again before every logout. */
    @State(Scope.Benchmark)
    public static class Everywhere {
        @Param({"10", "1000", "10000"})
        int sessions;
        RedisClient jedis;
        RedisSessionStore store;
        String user;

        @Setup(Level.Trial)
        public void setUp() {
            jedis = client();
            store = new RedisSessionStore(jedis, "bench-" + UUID.randomUUID().toString().substring(0, 8), Clock.systemUTC());
        }

        @Setup(Level.Invocation)
        public void register() {
            user = "bench-" + UUID.randomUUID();
            for (int i = 0; i < sessions; i++) {
                store.register(session(user));
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            jedis.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int logoutEverywhere(Everywhere state) {
        return state.store.deleteAllOfUser(state.user, Optional.empty());
    }

    /** Runs every benchmark of this class in one JVM fork. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(RedisBenchmark.class.getName() + ".check.*|" + RedisBenchmark.class.getName() + ".rawExists")
                .forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .build()).run();
        new Runner(new OptionsBuilder()
                .include(RedisBenchmark.class.getName() + ".logoutEverywhere")
                .forks(1).warmupIterations(3).measurementIterations(15)
                .build()).run();
    }
}
