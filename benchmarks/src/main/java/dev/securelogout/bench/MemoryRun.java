package dev.securelogout.bench;

import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.tck.MutableClock;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.RedisClient;

/**
 * What the stores hold per entry: retained heap per in-memory session and per denylisted jti
 * (heap in use after full GCs, with many entries, divided by their number), what Redis holds per
 * key, and whether the in-memory denylist empties once its tokens have expired.
 */
final class MemoryRun {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";

    private MemoryRun() {
    }

    static Section run(Settings settings) {
        int count = settings.quick() ? 50_000 : 200_000;
        List<Section.Target> targets = new ArrayList<>();
        StringBuilder md = new StringBuilder();
        md.append("Heap in use after full GCs (`System.gc()` until it settles), before and after filling a store with ")
                .append(String.format(Locale.ROOT, "%,d", count)).append(" entries, divided by their number. ")
                .append("Every entry gets its own strings (user id, user agent, issuer), as entries made from requests do. ")
                .append("Redis: `MEMORY USAGE key SAMPLES 0` of every key the strict stores wrote for 1,000 sessions of 100 users ")
                .append("and 1,000 denied jtis (Redis's own allocation, before its allocator's fragmentation).\n\n")
                .append("| what | bytes per entry |\n| --- | ---: |\n")
                .append(String.format(Locale.ROOT, "| in-memory session (one user each: session, key, device, user index) | %.0f |%n",
                        perSession(count, true)))
                .append(String.format(Locale.ROOT, "| in-memory session (10 sessions per user) | %.0f |%n", perSession(count, false)))
                .append(String.format(Locale.ROOT, "| in-memory denylisted jti (128-bit random jti, issuer) | %.0f |%n", perJti(count)));
        md.append(redisRows());
        long left = denylistAfterExpiry(count);
        md.append(String.format(Locale.ROOT, "%nIn-memory denylist after its tokens expired: %,d tokens denied for 5 minutes, ", count))
                .append("the store's clock moved 6 minutes on: `denylistSize()` = ").append(left).append(".\n");
        targets.add(new Section.Target("in-memory denylist returns to zero after its tokens expire",
                left + " entries left", left == 0));
        return new Section("Memory", md.toString(), targets);
    }

    private static double perSession(int count, boolean oneUserEach) {
        MutableClock clock = MutableClock.startingNow();
        SecureRandom random = new SecureRandom();
        long before = usedHeap();
        SessionStore store = InMemoryStores.sessionStore(clock);
        Instant now = clock.instant();
        for (int i = 0; i < count; i++) {
            String userId = "user-" + (oneUserEach ? i : i / 10);
            byte[] handle = new byte[16];
            random.nextBytes(handle);
            store.register(new Session(Services.PARTITIONS.generate(userId, random).key(), BASE64URL.encodeToString(handle), userId,
                    now, now, now.plus(Duration.ofHours(12)), Duration.ofMinutes(30),
                    Device.of(new String(USER_AGENT), "192.0.2." + i % 250)), SessionLimit.NONE);
        }
        long after = usedHeap();
        Reference.reachabilityFence(store);
        return (after - before) / (double) count;
    }

    private static double perJti(int count) {
        MutableClock clock = MutableClock.startingNow();
        SecureRandom random = new SecureRandom();
        long before = usedHeap();
        InMemoryStores.CountingDenylist revoker = InMemoryStores.accessTokenDenylist(clock);
        Instant expiry = clock.instant().plus(Duration.ofMinutes(5));
        for (int i = 0; i < count; i++) {
            revoker.deny(new AccessTokenId(new String("https://issuer.example"), randomJti(random)), expiry);
        }
        long after = usedHeap();
        Reference.reachabilityFence(revoker);
        return (after - before) / (double) count;
    }

    /**
     * Rows for Redis: {@code MEMORY USAGE} (all samples) of every key the strict stores wrote for
     * 1,000 sessions of 100 users and 1,000 denied jtis, grouped by the key's kind.
     */
    private static String redisRows() {
        int users = 100;
        int perUser = 10;
        int jtis = 1_000;
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        String prefix = Services.randomPrefix();
        RedisClient jedis = RedisClient.create(Services.redisUri());
        try (Backend.Stores stores = Backend.redisStrict(jedis, prefix, clock)) {
            Instant now = clock.instant();
            for (int u = 0; u < users; u++) {
                String userId = "user-" + u;
                for (int i = 0; i < perUser; i++) {
                    byte[] handle = new byte[16];
                    random.nextBytes(handle);
                    stores.sessions().register(new Session(Services.PARTITIONS.generate(userId, random).key(), BASE64URL.encodeToString(handle),
                            userId, now, now, now.plus(Duration.ofHours(12)), Duration.ofMinutes(30),
                            Device.of(USER_AGENT, "192.0.2." + i)), SessionLimit.NONE);
                }
            }
            for (int i = 0; i < jtis; i++) {
                stores.denylist().deny(new AccessTokenId("https://issuer.example", randomJti(random)), now.plus(Duration.ofMinutes(5)));
            }
            Map<String, long[]> byKind = new TreeMap<>();
            for (String key : Services.redisKeys(jedis, prefix)) {
                long[] sum = byKind.computeIfAbsent(kind(prefix, key), k -> new long[2]);
                sum[0] += jedis.memoryUsage(key, 0);
                sum[1]++;
            }
            long[] hashes = byKind.getOrDefault("s", new long[2]);
            long[] indexes = byKind.getOrDefault("u", new long[2]);
            long[] denied = byKind.getOrDefault("d", new long[2]);
            if (hashes[1] != users * perUser || indexes[1] != users || denied[1] != jtis) {
                throw new IllegalStateException("unexpected Redis keys: " + byKind.keySet());
            }
            return String.format(Locale.ROOT, "| Redis session hash (`…:s:<digest>`), `MEMORY USAGE` | %.0f |%n", hashes[0] / (double) hashes[1])
                    + String.format(Locale.ROOT, "| Redis user index (`…:u:<user>`, sorted set) per session, %d sessions per user | %.0f |%n",
                            perUser, indexes[0] / (double) hashes[1])
                    + String.format(Locale.ROOT, "| Redis per session, hash and its share of the index | %.0f |%n",
                            (hashes[0] + indexes[0]) / (double) hashes[1])
                    + String.format(Locale.ROOT, "| Redis denylisted jti (`…:d`) | %.0f |%n", denied[0] / (double) denied[1]);
        }
    }

    /** The kind of a store key: the segment after the hash tag ({@code s}, {@code u}, {@code d}, …). */
    private static String kind(String prefix, String key) {
        int tag = key.indexOf("}:");
        if (tag < 0) {
            return key.substring(prefix.length() + 1);
        }
        String rest = key.substring(tag + 2);
        int colon = rest.indexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }

    private static long denylistAfterExpiry(int count) {
        MutableClock clock = MutableClock.startingNow();
        SecureRandom random = new SecureRandom();
        InMemoryStores.CountingDenylist revoker = InMemoryStores.accessTokenDenylist(clock);
        Instant expiry = clock.instant().plus(Duration.ofMinutes(5));
        for (int i = 0; i < count; i++) {
            revoker.deny(new AccessTokenId("https://issuer.example", randomJti(random)), expiry);
        }
        if (revoker.size() != count) {
            throw new IllegalStateException("the denylist holds " + revoker.size() + " of " + count + " entries");
        }
        clock.advance(Duration.ofMinutes(6));
        return revoker.size();
    }

    private static String randomJti(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** Heap in use after full collections, once two in a row agree within 64 KiB (at most ten). */
    static long usedHeap() {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 64 * 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }
}
