package dev.securelogout.bench;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.serializer.StringRedisSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;
import redis.clients.jedis.RedisClient;

/**
 * The library against what a user would pick instead, Spring Session, on the same PostgreSQL
 * ({@code JdbcIndexedSessionRepository}) and the same Redis ({@code RedisIndexedSessionRepository}),
 * each beside the library's store of that kind in the same rounds, the order rotating: logout
 * everywhere of one user among other users' sessions (the peer's way: {@code findByPrincipalName},
 * then {@code deleteById} for each), with every ended session checked refused afterwards; and the
 * per-request check of a live session (the peer's {@code findById}, with and without the
 * {@code lastAccessedTime} save its filter performs on every request), paired.
 */
final class PeerRun {

    static final String TITLE = "Spring Session as a peer";
    static final int[] SIZES = {10, 100, 1_000, 10_000};
    /** Other users' sessions in every store throughout: 100 users of 20 sessions. */
    private static final int OTHER_USERS = 100;
    private static final int OTHER_SESSIONS = 20;
    private static final Device DEVICE = Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", "127.0.0.1");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private PeerRun() {
    }

    /** One side of a pair: sessions of a user made untimed, ended all at once, checked per request. */
    private interface Contender {

        /** Makes {@code count} sessions of {@code user}, untimed; their raw ids. */
        List<String> open(String user, int count);

        /** Ends every session of {@code user}; how many it ended. */
        int endAll(String user);

        /** Whether the session {@code id} is accepted, as a request's check asks. */
        boolean alive(String id);
    }

    /** The result of one pair: logout everywhere per size, and the per-request check. */
    private record Pair(String label, Map<Integer, double[][]> millis, Map<Integer, Boolean> refused, Summary[] check) {
    }

    static Section run(Settings settings) throws Exception {
        Clock clock = Clock.systemUTC();
        List<Pair> pairs = new ArrayList<>();
        try (Backend.Stores stores = Backend.POSTGRESQL.open(clock); JdbcPeer peer = JdbcPeer.open()) {
            pairs.add(measure("PostgreSQL: library vs `JdbcIndexedSessionRepository`", library(stores, clock), peer, settings.quick()));
        }
        try (Backend.Stores stores = Backend.REDIS_STRICT.open(clock); RedisPeer peer = RedisPeer.open()) {
            pairs.add(measure("Redis: library (strict) vs `RedisIndexedSessionRepository`", library(stores, clock), peer, settings.quick()));
        }
        return report(pairs, settings.quick());
    }

    private static Pair measure(String label, Contender library, PeerCheck peer, boolean quick) {
        System.out.println("# peer: " + label);
        Contender[] sides = {library, peer};
        for (Contender side : sides) {
            for (int u = 0; u < OTHER_USERS; u++) {
                side.open("other-" + u, OTHER_SESSIONS);
            }
        }
        for (int w = 0; w < 3; w++) { // warm-up: both sides' code paths compiled before the first timed round
            for (Contender side : sides) {
                side.open("warm-" + w, 300);
                side.endAll("warm-" + w);
            }
        }
        Map<Integer, double[][]> bySize = new LinkedHashMap<>();
        Map<Integer, Boolean> refused = new LinkedHashMap<>();
        int round = 0;
        for (int size : SIZES) {
            int rounds = size >= 10_000 ? (quick ? 1 : 2) : size >= 1_000 ? (quick ? 1 : 3) : (quick ? 2 : 5);
            double[][] millis = new double[2][rounds];
            boolean allRefused = true;
            for (int r = 0; r < rounds; r++, round++) {
                for (int i = 0; i < 2; i++) {
                    int side = (i + round) % 2;
                    String user = "le-" + size + "-" + r;
                    List<String> ids = sides[side].open(user, size);
                    System.gc(); // the untimed registration's garbage is collected here, not inside the timed call
                    long start = System.nanoTime();
                    int ended = sides[side].endAll(user);
                    millis[side][r] = (System.nanoTime() - start) / 1e6;
                    if (ended != size) {
                        throw new IllegalStateException(label + ": logout everywhere ended " + ended + " of " + size);
                    }
                    for (String id : ids) {
                        allRefused &= !sides[side].alive(id);
                    }
                }
            }
            bySize.put(size, millis);
            refused.put(size, allRefused);
            System.out.printf(Locale.ROOT, "  %6d sessions: library %s ms, peer %s ms%n", size,
                    Summary.of(millis[0]).format(2), Summary.of(millis[1]).format(2));
        }
        String libraryId = library.open("check-user", 1).get(0);
        String peerId = peer.open("check-user", 1).get(0);
        BooleanSupplier[] checks = {() -> library.alive(libraryId), () -> peer.alive(peerId), () -> peer.aliveAndSaved(peerId)};
        double[][] micros = PairedRun.interleaved(checks, quick ? 10 : 30, 2);
        Summary[] check = {Summary.of(micros[0]), Summary.of(micros[1]), Summary.of(micros[2]),
            PairedRun.ratios(micros[1], micros[0]), PairedRun.ratios(micros[2], micros[0])};
        return new Pair(label, bySize, refused, check);
    }

    /** The library's side over {@code stores}: sessions registered in the store, ended by {@code logoutEverywhere}. */
    private static Contender library(Backend.Stores stores, Clock clock) {
        LogoutEngine engine = stores.engine(clock);
        SecureRandom random = new SecureRandom();
        return new Contender() {
            @Override
            public List<String> open(String user, int count) {
                Instant now = clock.instant();
                List<String> ids = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    byte[] handle = new byte[16];
                    random.nextBytes(handle);
                    Credential id = Services.PARTITIONS.generate(user, random);
                    stores.sessions().register(new Session(id.key(), BASE64URL.encodeToString(handle), user, now, now,
                            now.plus(Duration.ofHours(12)), Duration.ofMinutes(30), DEVICE), SessionLimit.NONE);
                    ids.add(id.value());
                }
                return ids;
            }

            @Override
            public int endAll(String user) {
                return engine.logoutEverywhere(user, DEVICE).event().sessionsEnded();
            }

            @Override
            public boolean alive(String id) {
                return engine.check(id).isActive();
            }
        };
    }

    /** A Spring Session repository as a contender; {@link #aliveAndSaved} is its filter's per-request work. */
    private abstract static class PeerCheck implements Contender, AutoCloseable {

        /** Runs {@code work} as one unit (one transaction for JDBC), for the untimed set-up. */
        abstract <T> T bulk(Supplier<T> work);

        abstract FindByIndexNameSessionRepository<? extends org.springframework.session.Session> repository();

        @Override
        public List<String> open(String user, int count) {
            return bulk(() -> create(repository(), user, count));
        }

        private static <S extends org.springframework.session.Session> List<String> create(
                FindByIndexNameSessionRepository<S> repository, String user, int count) {
            List<String> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                S session = repository.createSession();
                session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, user);
                session.setAttribute("device", DEVICE.userAgent());
                repository.save(session);
                ids.add(session.getId());
            }
            return ids;
        }

        @Override
        public int endAll(String user) {
            FindByIndexNameSessionRepository<?> repository = repository();
            Map<String, ?> found = repository.findByPrincipalName(user);
            for (String id : found.keySet()) {
                repository.deleteById(id);
            }
            return found.size();
        }

        @Override
        public boolean alive(String id) {
            return repository().findById(id) != null;
        }

        /** Removes the peer's tables or keys and closes its connection. */
        @Override
        public abstract void close();

        /** {@code findById}, then the {@code lastAccessedTime} save the filter makes on every request. */
        boolean aliveAndSaved(String id) {
            return touch(repository(), id);
        }

        private static <S extends org.springframework.session.Session> boolean touch(
                FindByIndexNameSessionRepository<S> repository, String id) {
            S session = repository.findById(id);
            if (session == null) {
                return false;
            }
            session.setLastAccessedTime(Instant.now());
            repository.save(session);
            return true;
        }
    }

    /** {@code JdbcIndexedSessionRepository} in fresh tables made by Spring Session's own PostgreSQL schema. */
    private static final class JdbcPeer extends PeerCheck {
        private final ReusedConnection connection;
        private final JdbcTemplate jdbc;
        private final TransactionTemplate transactions;
        private final String table;
        private final JdbcIndexedSessionRepository repository;

        private JdbcPeer(ReusedConnection connection, String table) throws IOException {
            this.connection = connection;
            this.jdbc = new JdbcTemplate(connection);
            this.transactions = new TransactionTemplate(new DataSourceTransactionManager(connection));
            this.table = table;
            String schema;
            try (InputStream in = JdbcIndexedSessionRepository.class.getResourceAsStream("schema-postgresql.sql")) {
                if (in == null) {
                    throw new IllegalStateException("spring-session-jdbc's schema-postgresql.sql is not on the class path");
                }
                schema = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("SPRING_SESSION", table);
            }
            for (String statement : schema.split(";")) {
                if (!statement.isBlank()) {
                    jdbc.execute(statement);
                }
            }
            this.repository = new JdbcIndexedSessionRepository(jdbc, transactions);
            repository.setTableName(table);
        }

        /** Over one reused connection, as the library's JDBC stores here (what a pool hands a single thread). */
        static JdbcPeer open() throws SQLException, IOException {
            ReusedConnection connection = new ReusedConnection(Services.postgresql());
            try {
                return new JdbcPeer(connection, Services.randomPrefix() + "_SPRING_SESSION");
            } catch (RuntimeException | IOException e) {
                connection.close();
                throw e;
            }
        }

        @Override
        <T> T bulk(Supplier<T> work) {
            return transactions.execute(status -> work.get());
        }

        @Override
        FindByIndexNameSessionRepository<? extends org.springframework.session.Session> repository() {
            return repository;
        }

        @Override
        public void close() {
            try {
                jdbc.execute("DROP TABLE IF EXISTS " + table + "_ATTRIBUTES, " + table);
                connection.close();
            } catch (RuntimeException | SQLException e) {
                System.err.println("dropping the peer's tables failed: " + e);
            }
        }
    }

    /** {@code RedisIndexedSessionRepository} under a fresh key namespace, over Lettuce. */
    private static final class RedisPeer extends PeerCheck {
        private final LettuceConnectionFactory factory;
        private final String namespace;
        private final RedisIndexedSessionRepository repository;

        private RedisPeer(LettuceConnectionFactory factory, String namespace) {
            this.factory = factory;
            this.namespace = namespace;
            RedisTemplate<String, Object> template = new RedisTemplate<>();
            template.setConnectionFactory(factory);
            template.setKeySerializer(new StringRedisSerializer());
            template.setHashKeySerializer(new StringRedisSerializer());
            template.afterPropertiesSet();
            this.repository = new RedisIndexedSessionRepository(template);
            repository.setRedisKeyNamespace(namespace);
        }

        static RedisPeer open() {
            URI uri = Services.redisUri();
            RedisStandaloneConfiguration config = new RedisStandaloneConfiguration(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
            if (uri.getUserInfo() != null) {
                String[] user = uri.getUserInfo().split(":", 2);
                config.setPassword(user[user.length - 1]);
            }
            LettuceConnectionFactory factory = new LettuceConnectionFactory(config);
            factory.afterPropertiesSet();
            factory.start();
            return new RedisPeer(factory, Services.randomPrefix());
        }

        @Override
        <T> T bulk(Supplier<T> work) {
            return work.get();
        }

        @Override
        FindByIndexNameSessionRepository<? extends org.springframework.session.Session> repository() {
            return repository;
        }

        @Override
        public void close() {
            try (RedisClient jedis = RedisClient.create(Services.redisUri())) {
                Services.deleteRedisKeys(jedis, namespace);
            } finally {
                factory.destroy();
            }
        }
    }

    private static Section report(List<Pair> pairs, boolean quick) {
        StringBuilder md = new StringBuilder();
        md.append("Spring Session, what a user would pick instead, measured in the same JVM on the same PostgreSQL and Redis. ")
                .append("Each pair runs the library's store and the peer's repository in the same rounds, the order rotating per round; ")
                .append(String.format(Locale.ROOT, "both stores also hold %,d sessions of %d", OTHER_USERS * OTHER_SESSIONS, OTHER_USERS))
                .append(" other users throughout. Logout everywhere: the library's `engine.logoutEverywhere(user)` (sessions, tokens, ")
                .append("token state, notice) against the peer's `findByPrincipalName(user)` and a `deleteById` per session, the sessions ")
                .append("made untimed before each (the peer's in one transaction on PostgreSQL), after a warm-up of 3 × 300 sessions. Rounds: ")
                .append(quick ? "2 / 2 / 1 / 1" : "5 / 5 / 3 / 2").append(" for 10 / 100 / 1,000 / 10,000 sessions. ")
                .append("Afterwards every ended session is checked refused (library: `engine.check(id)`; peer: `findById(id)` is null). ")
                .append("Both JDBC sides use one reused connection; the peer's transactions go through Spring's `DataSourceTransactionManager`; ")
                .append("the library's Redis stores are strict (no near cache), as the peer has none. The peer's versions are those ")
                .append("Spring Boot's BOM manages (").append(org.springframework.session.Session.class.getPackage().getImplementationVersion() == null
                        ? "Spring Session 4.0" : "Spring Session " + org.springframework.session.Session.class.getPackage().getImplementationVersion())
                .append(").\n\n")
                .append("| stores | sessions | library ms: median (min–max) | Spring Session ms | Spring Session / library per round: median (min–max) | every ended session refused |\n")
                .append("| --- | ---: | ---: | ---: | ---: | :---: |\n");
        for (Pair pair : pairs) {
            for (Map.Entry<Integer, double[][]> entry : pair.millis().entrySet()) {
                double[][] millis = entry.getValue();
                md.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s | %s |%n", pair.label(), entry.getKey(),
                        Summary.of(millis[0]).format(2), Summary.of(millis[1]).format(2),
                        PairedRun.ratios(millis[1], millis[0]).format(1), pair.refused().get(entry.getKey()) ? "yes" : "**no**"));
            }
        }
        md.append("\nThe per-request check of a live session, paired (blocks of 200 calls of each, the order rotating; ")
                .append(quick ? 10 : 30).append(" rounds), µs per call: the library's `engine.check(id)`, the peer's `findById(id)`, and ")
                .append("`findById` followed by the `save` of the new `lastAccessedTime` that `SessionRepositoryFilter` makes on every request.\n\n")
                .append("| stores | library `engine.check` | peer `findById` | peer `findById` + save | `findById` / library | `findById` + save / library |\n")
                .append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        List<Section.Target> targets = new ArrayList<>();
        for (Pair pair : pairs) {
            Summary[] c = pair.check();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", pair.label(), c[0].format(1), c[1].format(1),
                    c[2].format(1), c[3].format(2), c[4].format(2)));
            boolean refused = pair.refused().values().stream().allMatch(Boolean::booleanValue);
            targets.add(new Section.Target(pair.label() + ": every session ended by logout everywhere is refused afterwards, on both sides",
                    refused ? "all refused" : "some accepted", refused));
        }
        return new Section(TITLE, md.toString(), targets);
    }
}
