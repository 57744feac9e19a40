package dev.securelogout.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.tck.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: measures logout everywhere for one user holding 10, 1,000 and 10,000 sessions, and a
 * session lookup by id, on PostgreSQL and MariaDB, through the store's public methods. Each
 * figure is over many repetitions (median, p10, p90, max) with the connection reused as a pool
 * would, and the median again with a new connection per call (the driver's plain data source).
 * The table holds 20,000 sessions of other users throughout. Run it with
 *
 * <pre>mvn -pl logout-jdbc -am test -Dbench=true -Dtest=LogoutEverywhereBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <p>It prints a Markdown table and writes it to {@code logout-jdbc/target/benchmarks.md}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class LogoutEverywhereBenchmark {

    private static final int[] SIZES = {10, 1_000, 10_000};
    private static final int BACKGROUND_USERS = 200;
    private static final int BACKGROUND_SESSIONS = 100;

    @Test
    void measure() throws Exception {
        StringBuilder report = new StringBuilder()
                .append("| database | operation | runs | median ms | p10 ms | p90 ms | max ms | median per session µs | median, new connection per call, ms |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (TestDatabase database : List.of(TestDatabase.POSTGRESQL, TestDatabase.MARIADB)) {
            JdbcSchema setup = database.freshSchema();
            try (ReusedConnection pooled = new ReusedConnection(database.dataSource());
                 Connection loader = database.dataSource().getConnection()) {
                MutableClock clock = MutableClock.startingNow();
                JdbcSchema schema = JdbcSchema.of(pooled, setup.tablePrefix());
                JdbcSessionStore reused = new JdbcSessionStore(schema, clock);
                JdbcSessionStore fresh = new JdbcSessionStore(setup, clock);
                List<CredentialKey> background = new ArrayList<>();
                for (int u = 0; u < BACKGROUND_USERS; u++) {
                    background.addAll(Rows.sessions(loader, reused, "other-" + u, BACKGROUND_SESSIONS, clock.instant()));
                }
                for (int size : SIZES) {
                    int runs = size >= 10_000 ? 15 : size >= 1_000 ? 40 : 200;
                    double[] pooledMillis = logoutEverywhere(loader, reused, size, runs, clock);
                    double[] freshMillis = logoutEverywhere(loader, fresh, size, Math.max(5, runs / 3), clock);
                    report.append(row(database, "logout everywhere, " + size + " sessions", pooledMillis, size, freshMillis));
                }
                Random random = new Random(42);
                double[] pooledFind = lookups(reused, background, random, 2_000);
                double[] freshFind = lookups(fresh, background, random, 300);
                report.append(row(database, "session lookup by id", pooledFind, 1, freshFind));
            } finally {
                setup.drop();
            }
        }
        String text = "Measured " + LocalDate.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ".\n\n" + report;
        System.out.println(text);
        Path out = Path.of("target", "benchmarks.md");
        try {
            Files.writeString(out, text);
        } catch (IOException e) {
            System.out.println("could not write " + out.toAbsolutePath() + ": " + e);
        }
    }

    /** Times {@code runs} logouts everywhere of a user holding {@code size} sessions, one warm-up first. */
    private static double[] logoutEverywhere(Connection loader, JdbcSessionStore store, int size, int runs, MutableClock clock)
            throws SQLException {
        double[] millis = new double[runs];
        for (int run = -1; run < runs; run++) {
            String user = "bench-" + size + "-" + run + "-" + System.nanoTime();
            Rows.sessions(loader, store, user, size, clock.instant());
            long start = System.nanoTime();
            int deleted = store.deleteAllOfUser(user, Optional.empty());
            long elapsed = System.nanoTime() - start;
            assertEquals(size, deleted);
            if (run >= 0) {
                millis[run] = elapsed / 1e6;
            }
        }
        return millis;
    }

    /** Times {@code runs} lookups of random existing sessions, after as many warm-up lookups. */
    private static double[] lookups(JdbcSessionStore store, List<CredentialKey> keys, Random random, int runs) {
        double[] millis = new double[runs];
        for (int run = -runs; run < runs; run++) {
            CredentialKey key = keys.get(random.nextInt(keys.size()));
            long start = System.nanoTime();
            boolean found = store.find(key).isPresent();
            long elapsed = System.nanoTime() - start;
            assertEquals(true, found);
            if (run >= 0) {
                millis[run] = elapsed / 1e6;
            }
        }
        return millis;
    }

    private static String row(TestDatabase database, String operation, double[] millis, int size, double[] freshMillis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double median = percentile(sorted, 50);
        double[] fresh = freshMillis.clone();
        Arrays.sort(fresh);
        return String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", database, operation,
                millis.length, median, percentile(sorted, 10), percentile(sorted, 90), sorted[sorted.length - 1],
                median * 1000 / size, percentile(fresh, 50));
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.round(p / 100.0 * (sorted.length - 1)))];
    }

}
