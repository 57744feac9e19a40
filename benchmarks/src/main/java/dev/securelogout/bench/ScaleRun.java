package dev.securelogout.bench;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutOutcome;
import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.jdbc.JdbcSchema;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import redis.clients.jedis.RedisClient;

/**
 * The stores with many sessions in them: each store is filled in bulk, untimed, to 10,000, 100,000
 * and 1,000,000 sessions (10 per user; up to {@code --scale-max}), and at each size the run takes
 * the per-request check of stored sessions (paired with a baseline whose cost does not depend on
 * the store's size, as {@link PairedRun} does, so that the curve survives the load drift of a
 * shared machine), logout everywhere of a fresh 100-session user, and the bytes each stored session
 * costs. In memory the fill is the store's own {@code register}; on Redis it is the store's
 * {@code register} from eight threads (the store's key layout and scripts, nothing rewritten); on
 * PostgreSQL it is {@code COPY} into the store's table of the columns {@code JdbcSessionStore}
 * writes, then {@code ANALYZE}, as autovacuum would after such a load.
 */
final class ScaleRun {

    static final String TITLE = "Scale";
    static final int[] SIZES = {10_000, 100_000, 1_000_000};
    /** The check at the largest size may cost at most this many times its cost at 10,000 (paired ratios). */
    static final double FLAT = 1.5;
    private static final int PER_USER = 10;
    private static final int PROBES = 1024;
    private static final int LOGOUT_SESSIONS = 100;
    private static final Device DEVICE = Device.of("Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0", "192.0.2.7");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern USED_MEMORY = Pattern.compile("used_memory:(\\d+)");

    private ScaleRun() {
    }

    /** One size on one store: the check and its baseline (µs per call), check / baseline per round, logout (ms), bytes per session. */
    private record Point(Summary check, Summary baseline, Summary ratio, Summary logout, double bytes, double fillSeconds) {
    }

    static Section run(Settings settings) throws Exception {
        int[] sizes = Arrays.stream(SIZES).filter(size -> size <= settings.scaleMax()).toArray();
        Map<Backend, Map<Integer, Point>> results = new LinkedHashMap<>();
        Map<Backend, String> baselines = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (Backend backend : List.of(Backend.MEMORY, Backend.REDIS_STRICT, Backend.POSTGRESQL)) {
            System.out.println("# scale on " + backend.label());
            Clock clock = Clock.systemUTC();
            try (Subject subject = subject(backend, clock)) {
                baselines.put(backend, subject.baselineName());
                results.put(backend, measure(backend, subject, sizes, settings.quick(), clock));
            }
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        Path plot = settings.root().resolve("docs/scale.png");
        Map<String, Map<Integer, Summary>> curves = new LinkedHashMap<>();
        results.forEach((backend, bySize) -> {
            Map<Integer, Summary> curve = new LinkedHashMap<>();
            bySize.forEach((size, point) -> curve.put(size, point.check().scaled(1e-3)));
            curves.put(backend.label(), curve);
        });
        Plot.draw(curves, sizes[0], sizes[sizes.length - 1], Double.NaN, "The per-request check as the store grows (median, min–max bars)",
                "sessions stored (log scale)", plot);
        return report(results, baselines, settings, minutes, settings.root().relativize(plot));
    }

    private static Map<Integer, Point> measure(Backend backend, Subject subject, int[] sizes, boolean quick, Clock clock)
            throws Exception {
        SecureRandom random = new SecureRandom();
        Credential[] probes = new Credential[PROBES];
        Map<Integer, Point> bySize = new LinkedHashMap<>();
        int stored = 0;
        for (int size : sizes) {
            Credential[] credentials = new Credential[size - stored];
            for (int i = 0; i < credentials.length; i++) {
                credentials[i] = Services.PARTITIONS.generate(user(stored + i), random);
                // a reservoir: the probes are a uniform sample of every session stored so far
                int slot = stored + i < PROBES ? stored + i : random.nextInt(stored + i + 1);
                if (slot < PROBES) {
                    probes[slot] = credentials[i];
                }
            }
            long start = System.nanoTime();
            subject.fill(stored, credentials);
            double fillSeconds = (System.nanoTime() - start) / 1e9;
            stored = size;
            double bytes = subject.bytesPerSession(stored);
            Point point = point(subject, probes, quick, clock, bytes, fillSeconds);
            bySize.put(size, point);
            System.out.printf(Locale.ROOT, "  %,9d stored (filled in %.1f s): check %s µs, %s %s µs, ratio %s; logout of %d %s ms; %.0f bytes/session%n",
                    size, fillSeconds, point.check().format(2), subject.baselineName(), point.baseline().format(2), point.ratio().format(2),
                    LOGOUT_SESSIONS, point.logout().format(2), bytes);
        }
        return bySize;
    }

    private static Point point(Subject subject, Credential[] probes, boolean quick, Clock clock, double bytes, double fillSeconds)
            throws Exception {
        // a fresh engine over the same stores each size: nothing cached from the last size helps
        LogoutEngine engine = subject.stores.engine(clock);
        String[] ids = Arrays.stream(probes).map(Credential::value).toArray(String[]::new);
        int[] next = new int[1];
        BooleanSupplier check = () -> engine.check(ids[next[0]++ & (PROBES - 1)]).isActive();
        BooleanSupplier[] sides = {check, subject.baseline(probes)};
        double[][] micros = PairedRun.interleaved(sides, subject.rounds(quick), subject.rounds(quick) / 4);
        double[] logout = new double[quick ? 3 : 9];
        SecureRandom random = new SecureRandom();
        for (int r = 0; r < logout.length; r++) {
            String user = "fresh-" + r + "-" + random.nextInt(1_000_000);
            Instant now = clock.instant();
            for (int i = 0; i < LOGOUT_SESSIONS; i++) {
                subject.stores.sessions().register(session(Services.PARTITIONS.generate(user, random), user, now, random), SessionLimit.NONE);
            }
            System.gc(); // the untimed registration's garbage is collected here, not inside the timed call
            long start = System.nanoTime();
            LogoutOutcome outcome = engine.logoutEverywhere(user, DEVICE);
            logout[r] = (System.nanoTime() - start) / 1e6;
            if (!outcome.failedSteps().isEmpty() || outcome.event().sessionsEnded() != LOGOUT_SESSIONS) {
                throw new IllegalStateException("logout everywhere ended " + outcome.event().sessionsEnded() + " of " + LOGOUT_SESSIONS);
            }
        }
        return new Point(Summary.of(micros[0]), Summary.of(micros[1]), PairedRun.ratios(micros[0], micros[1]), Summary.of(logout),
                bytes, fillSeconds);
    }

    private static String user(int n) {
        return "s-" + n / PER_USER;
    }

    /** A session as the engine would make it at login. */
    private static Session session(Credential credential, String user, Instant now, SecureRandom random) {
        byte[] handle = new byte[16];
        random.nextBytes(handle);
        return new Session(credential.key(), BASE64URL.encodeToString(handle), user, now, now, now.plus(Duration.ofHours(12)),
                Duration.ofMinutes(30), DEVICE);
    }

    private static Subject subject(Backend backend, Clock clock) throws SQLException {
        return switch (backend) {
            case MEMORY -> new Memory(clock);
            case REDIS_STRICT -> new Redis(clock);
            case POSTGRESQL -> new Postgres(clock);
            default -> throw new IllegalArgumentException("no scale subject for " + backend);
        };
    }

    /**
     * One store under test: its stores, how it is filled (through {@code register} unless it knows a
     * faster way), what it holds per session, and the baseline its check is paired with.
     */
    private abstract static class Subject implements AutoCloseable {
        final Backend.Stores stores;
        final Clock clock;

        Subject(Backend.Stores stores, Clock clock) {
            this.stores = stores;
            this.clock = clock;
        }

        /** The bytes the store holds per stored session, {@code stored} being how many it holds. */
        abstract double bytesPerSession(int stored) throws Exception;

        /** The baseline call for {@code probes}: its cost must not depend on how many sessions are stored. */
        abstract BooleanSupplier baseline(Credential[] probes) throws Exception;

        /** What the baseline is, for the report. */
        abstract String baselineName();

        /** How many paired rounds of 200 calls each side gets (a quarter again as warm-up). */
        int rounds(boolean quick) {
            return quick ? 20 : 60;
        }

        /** Adds {@code credentials.length} sessions of users {@code s-<n / 10>} numbered from {@code from}, untimed. */
        void fill(int from, Credential[] credentials) throws Exception {
            SecureRandom random = new SecureRandom();
            Instant now = clock.instant();
            for (int i = 0; i < credentials.length; i++) {
                stores.sessions().register(session(credentials[i], user(from + i), now, random), SessionLimit.NONE);
            }
        }

        @Override
        public void close() {
            stores.close();
        }
    }

    /** The in-memory store: filled by {@code register}; bytes are heap in use after full GCs. */
    private static final class Memory extends Subject {
        private final long heapBefore;

        Memory(Clock clock) {
            this(MemoryRun.usedHeap(), clock);
        }

        private Memory(long heapBefore, Clock clock) {
            super(Backend.MEMORY.open(clock), clock);
            this.heapBefore = heapBefore;
        }

        @Override
        double bytesPerSession(int stored) {
            return (MemoryRun.usedHeap() - heapBefore) / (double) stored;
        }

        @Override
        BooleanSupplier baseline(Credential[] probes) {
            ConcurrentHashMap<CredentialKey, Object> byKey = new ConcurrentHashMap<>();
            for (Credential probe : probes) {
                byKey.put(probe.key(), probe);
            }
            String[] ids = Arrays.stream(probes).map(Credential::value).toArray(String[]::new);
            int[] next = new int[1];
            return () -> byKey.get(Credential.parse(ids[next[0]++ & (PROBES - 1)]).orElseThrow().key()) != null;
        }

        @Override
        String baselineName() {
            return "digest floor (parse + SHA-256 + map get of 1,024 keys)";
        }

        @Override
        int rounds(boolean quick) {
            return quick ? 1_000 : 10_000; // 200 calls take a fraction of a millisecond here
        }
    }

    /** Strict Redis: filled by the store's {@code register} from eight threads; bytes from {@code INFO memory}. */
    private static final class Redis extends Subject {
        private final RedisClient jedis;
        private final String prefix;
        private final long memoryBefore;

        Redis(Clock clock) {
            this(RedisClient.create(Services.redisUri()), Services.randomPrefix(), clock);
        }

        private Redis(RedisClient jedis, String prefix, Clock clock) {
            super(Backend.redisStrict(jedis, prefix, clock), clock);
            this.jedis = jedis;
            this.prefix = prefix;
            this.memoryBefore = usedMemory(jedis);
        }

        @Override
        void fill(int from, Credential[] credentials) throws Exception {
            int threads = 8;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                int chunk = (credentials.length + threads - 1) / threads;
                for (int t = 0; t < threads; t++) {
                    int lo = t * chunk;
                    int hi = Math.min(credentials.length, lo + chunk);
                    done.add(pool.submit(() -> {
                        SecureRandom random = new SecureRandom();
                        Instant now = clock.instant();
                        for (int i = lo; i < hi; i++) {
                            stores.sessions().register(session(credentials[i], user(from + i), now, random), SessionLimit.NONE);
                        }
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                pool.shutdown();
            }
        }

        @Override
        double bytesPerSession(int stored) {
            return (usedMemory(jedis) - memoryBefore) / (double) stored;
        }

        private static long usedMemory(RedisClient jedis) {
            Matcher m = USED_MEMORY.matcher(jedis.info("memory"));
            if (!m.find()) {
                throw new IllegalStateException("no used_memory in INFO memory");
            }
            return Long.parseLong(m.group(1));
        }

        @Override
        BooleanSupplier baseline(Credential[] probes) {
            String[] keys = Arrays.stream(probes).map(p -> Services.redisSessionKey(prefix, p.key())).toArray(String[]::new);
            int[] next = new int[1];
            return () -> jedis.exists(keys[next[0]++ & (PROBES - 1)]);
        }

        @Override
        String baselineName() {
            return "raw `EXISTS` of the same sessions' keys";
        }
    }

    /** PostgreSQL: filled by {@code COPY} of the store's columns, batches of 100,000 rows; bytes from {@code pg_total_relation_size}. */
    private static final class Postgres extends Subject {
        private final JdbcSchema schema;
        private final Connection raw;

        Postgres(Clock clock) throws SQLException {
            this(Services.postgresql(), JdbcSchema.of(Services.postgresql(), Services.randomPrefix() + "_"), clock);
        }

        private Postgres(DataSource dataSource, JdbcSchema schema, Clock clock) throws SQLException {
            super(Backend.jdbc(dataSource, schema, clock), clock);
            this.schema = schema;
            this.raw = dataSource.getConnection();
        }

        private String table() {
            return schema.tablePrefix() + "session";
        }

        @Override
        void fill(int from, Credential[] credentials) throws SQLException, IOException {
            SecureRandom random = new SecureRandom();
            Instant now = clock.instant();
            String copy = "COPY " + table() + " (digest, key_partition, handle, user_id, created_at, last_active_at, absolute_expiry,"
                    + " idle_timeout, expires_at, browser, os, ip, user_agent, authenticated_at, last_seen_ip, provider_issuer, provider_sid)"
                    + " FROM STDIN";
            for (int lo = 0; lo < credentials.length; lo += 100_000) {
                StringBuilder rows = new StringBuilder();
                for (int i = lo; i < Math.min(credentials.length, lo + 100_000); i++) {
                    Session s = session(credentials[i], user(from + i), now, random);
                    // the values JdbcSessionStore.insert binds, in its column order; no provider session
                    rows.append(s.key().digest()).append('\t').append(s.key().partition()).append('\t').append(s.handle()).append('\t')
                            .append(s.userId()).append('\t').append(micros(s.createdAt())).append('\t').append(micros(s.lastActiveAt()))
                            .append('\t').append(micros(s.absoluteExpiry())).append('\t').append(s.idleTimeout().toNanos() / 1000)
                            .append('\t').append(micros(s.expiresAt())).append('\t').append(s.device().browser()).append('\t')
                            .append(s.device().os()).append('\t').append(s.device().ip()).append('\t').append(s.device().userAgent())
                            .append('\t').append(micros(s.authenticatedAt())).append('\t').append(s.lastSeenIp()).append("\t\\N\t\\N\n");
                }
                raw.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(rows.toString()));
            }
            try (Statement statement = raw.createStatement()) {
                statement.execute("ANALYZE " + table());
            }
        }

        private static long micros(Instant instant) {
            return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
        }

        @Override
        double bytesPerSession(int stored) throws SQLException {
            try (PreparedStatement statement = raw.prepareStatement("SELECT pg_total_relation_size(?::regclass)")) {
                statement.setString(1, table());
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) / (double) stored;
                }
            }
        }

        @Override
        BooleanSupplier baseline(Credential[] probes) throws SQLException {
            PreparedStatement select = raw.prepareStatement("SELECT 1");
            return () -> {
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            };
        }

        @Override
        String baselineName() {
            return "`SELECT 1` on its own connection";
        }

        @Override
        public void close() {
            try {
                raw.close();
            } catch (SQLException e) {
                System.err.println("closing the scale connection failed: " + e);
            }
            super.close();
        }
    }

    private static Section report(Map<Backend, Map<Integer, Point>> results, Map<Backend, String> baselines, Settings settings,
                                  double minutes, Path plot) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Each store filled untimed to %s stored sessions (%d per user), ",
                        String.join(" / ", results.values().iterator().next().keySet().stream().map(n -> String.format(Locale.ROOT, "%,d", n)).toList()),
                        PER_USER))
                .append("in memory by the store's `register`, on strict Redis by the store's `register` from eight threads, on PostgreSQL by ")
                .append("`COPY` of the columns `JdbcSessionStore` writes (batches of 100,000) and `ANALYZE`. At each size: `engine.check` of a ")
                .append(String.format(Locale.ROOT, "uniform sample of %,d stored sessions, in turn, paired with a baseline whose cost does not grow with the store ", PROBES))
                .append(String.format(Locale.ROOT, "(blocks of 200 calls of each, the order rotating, a quarter again as warm-up; %s rounds in memory, %d on Redis and PostgreSQL; µs per call, median (min–max)); ",
                        settings.quick() ? "1,000" : "10,000", settings.quick() ? 20 : 60))
                .append(String.format(Locale.ROOT, "`engine.logoutEverywhere` of a fresh user's %d sessions (registered untimed, %d repetitions, ms); ",
                        LOGOUT_SESSIONS, settings.quick() ? 3 : 9))
                .append("and the bytes per stored session (heap in use after full GCs in memory; Redis `INFO memory` `used_memory` growth, ")
                .append("on a shared server; PostgreSQL `pg_total_relation_size` of the session table, indexes and TOAST included). ")
                .append(String.format(Locale.ROOT, "This part took %.1f minutes; it runs last in the default run (alone with `--only=scale`), up to `--scale-max=N` sessions (default 1,000,000).%n%n", minutes))
                .append("| store | stored | check µs | baseline µs | check / baseline per round | logout of 100 ms | bytes per session | fill s |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        List<Section.Target> targets = new ArrayList<>();
        for (Map.Entry<Backend, Map<Integer, Point>> entry : results.entrySet()) {
            for (Map.Entry<Integer, Point> at : entry.getValue().entrySet()) {
                Point p = at.getValue();
                md.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s | %.0f | %.1f |%n", entry.getKey().label(), at.getKey(),
                        p.check().format(2), p.baseline().format(2), p.ratio().format(2), p.logout().format(2), p.bytes(), p.fillSeconds()));
            }
            List<Integer> sizes = new ArrayList<>(entry.getValue().keySet());
            int first = sizes.get(0);
            int last = sizes.get(sizes.size() - 1);
            double growth = entry.getValue().get(last).ratio().median() / entry.getValue().get(first).ratio().median();
            targets.add(new Section.Target(String.format(Locale.ROOT, "%s: check flat as the store grows (check / baseline at %,d within %.1f × at %,d)",
                    entry.getKey().label(), last, FLAT, first), String.format(Locale.ROOT, "%.2f ×", growth), growth <= FLAT));
        }
        md.append("\nBaselines: ");
        baselines.forEach((backend, name) -> md.append(backend.label()).append(": ").append(name).append("; "));
        md.append("\n\nThe target: a lookup by key is a hash probe in memory and on Redis and a primary-key B-tree descent on PostgreSQL ")
                .append(String.format(Locale.ROOT, "(one more level between 10,000 and 1,000,000 rows), so the check's cost should not follow the store's size. %.1f × allows ", FLAT))
                .append("for the cache misses of a working set that outgrows the CPU's caches and that extra B-tree level, and for the noise of a shared ")
                .append("machine; a check that scanned, or that walked a per-user structure, would grow 10 × per size step and fail it by far.\n\n")
                .append("![the check against sessions stored, log-log](").append(plot.toString().replace('\\', '/')).append(")\n");
        return new Section(TITLE, md.toString(), targets);
    }
}
