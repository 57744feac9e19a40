package dev.securelogout.bench;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutOutcome;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Logout everywhere for one user holding 1, 100, 1,000 and 10,000 sessions, on each store: the
 * sessions are registered untimed, then {@code engine.logoutEverywhere(user)} (sessions, tokens,
 * token state, notice) is timed; repeated, reported as median and spread, and plotted.
 */
final class LogoutEverywhereRun {

    static final int[] SIZES = {1, 100, 1_000, 10_000};
    static final double LIMIT_MS = 100;
    /** Sessions of other users that stay in the store throughout, as in a live table. */
    private static final int BACKGROUND_USERS = 200;
    private static final int BACKGROUND_SESSIONS = 100;
    private static final Device DEVICE = Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", "127.0.0.1");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private LogoutEverywhereRun() {
    }

    static Section run(Settings settings, List<Backend> backends) throws IOException {
        Map<Backend, Map<Integer, Summary>> results = new LinkedHashMap<>();
        for (Backend backend : backends) {
            System.out.println("# logout everywhere on " + backend.label());
            results.put(backend, measure(backend, settings.quick()));
        }
        Path plot = settings.root().resolve("docs/logout-everywhere.png");
        Plot.logoutEverywhere(results, LIMIT_MS, plot);
        return report(results, settings.root().relativize(plot));
    }

    private static Map<Integer, Summary> measure(Backend backend, boolean quick) {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        Map<Integer, Summary> bySize = new LinkedHashMap<>();
        try (Backend.Stores stores = backend.open(clock)) {
            LogoutEngine engine = stores.engine(clock);
            for (int u = 0; u < BACKGROUND_USERS; u++) {
                register(stores, clock, random, "other-" + u, BACKGROUND_SESSIONS);
            }
            for (int i = 0; i < (quick ? 3 : 10); i++) {
                once(stores, engine, clock, random, "warm-" + i, 1_000);
            }
            for (int size : SIZES) {
                int repetitions = quick ? 3 : size >= 10_000 ? 7 : size >= 1_000 ? 11 : 21;
                double[] millis = new double[repetitions];
                for (int r = 0; r < repetitions; r++) {
                    millis[r] = once(stores, engine, clock, random, "u" + size + "-" + r, size) / 1e6;
                }
                bySize.put(size, Summary.of(millis));
                System.out.printf(Locale.ROOT, "  %6d sessions: %s ms%n", size, bySize.get(size).format(2));
            }
        }
        return bySize;
    }

    /** Registers {@code size} sessions of a fresh user untimed, then times ending them all; nanoseconds. */
    private static long once(Backend.Stores stores, LogoutEngine engine, Clock clock, SecureRandom random,
                             String user, int size) {
        String userId = "le-" + user;
        register(stores, clock, random, userId, size);
        System.gc(); // the untimed registration's garbage is collected here, not inside the timed call
        long start = System.nanoTime();
        LogoutOutcome outcome = engine.logoutEverywhere(userId, DEVICE);
        long elapsed = System.nanoTime() - start;
        if (!outcome.failedSteps().isEmpty() || outcome.event().sessionsEnded() != size) {
            throw new IllegalStateException("logout everywhere ended " + outcome.event().sessionsEnded() + " of " + size
                    + " sessions, failed steps " + outcome.failedSteps());
        }
        return elapsed;
    }

    private static void register(Backend.Stores stores, Clock clock, SecureRandom random, String userId, int count) {
        Instant now = clock.instant();
        for (int i = 0; i < count; i++) {
            byte[] handle = new byte[16];
            random.nextBytes(handle);
            stores.sessions().register(new Session(Services.PARTITIONS.generate(userId, random).key(), BASE64URL.encodeToString(handle),
                    userId, now, now, now.plus(Duration.ofHours(12)), Duration.ofMinutes(30), DEVICE), SessionLimit.NONE);
        }
    }

    private static Section report(Map<Backend, Map<Integer, Summary>> results, Path plot) {
        StringBuilder md = new StringBuilder();
        md.append("`engine.logoutEverywhere(user)` after registering the user's sessions untimed: it deletes every session, ")
                .append("revokes the user's tokens, advances the token state and publishes the notice. Milliseconds, median ")
                .append("(min–max) over 21 / 21 / 11 / 7 repetitions for 1 / 100 / 1,000 / 10,000 sessions, after a warm-up of 10 × 1,000. ")
                .append("Throughout, the store also holds 20,000 sessions of 200 other users. JDBC stores run over one reused ")
                .append("connection, as a pool hands it out. A full GC runs before each timed call, so that the garbage of the ")
                .append("untimed registration is not collected inside it.\n\n")
                .append("| store |");
        for (int size : SIZES) {
            md.append(String.format(Locale.ROOT, " %,d sessions |", size));
        }
        md.append(" µs per session at 10,000 | growth 1,000 → 10,000: medians | growth: minima |\n| --- |");
        md.append(" ---: |".repeat(SIZES.length + 3)).append('\n');
        List<Section.Target> targets = new ArrayList<>();
        for (Map.Entry<Backend, Map<Integer, Summary>> entry : results.entrySet()) {
            Map<Integer, Summary> bySize = entry.getValue();
            md.append("| ").append(entry.getKey().label()).append(" |");
            for (int size : SIZES) {
                md.append(' ').append(bySize.get(size).format(2)).append(" |");
            }
            double largest = bySize.get(10_000).median();
            double growth = largest / bySize.get(1_000).median();
            double growthOfMinima = bySize.get(10_000).min() / bySize.get(1_000).min();
            md.append(String.format(Locale.ROOT, " %.1f | %.1f × | %.1f × |%n", largest * 1000 / 10_000, growth, growthOfMinima));
            targets.add(new Section.Target(entry.getKey().label() + ": logout everywhere under " + (int) LIMIT_MS
                    + " ms at 10,000 sessions", String.format(Locale.ROOT, "%.1f ms", largest), largest < LIMIT_MS));
            targets.add(new Section.Target(entry.getKey().label() + ": grows at most linearly (≤ 10 × from 1,000 to 10,000, "
                    + "20 % allowed for noise; judged on the minima)",
                    String.format(Locale.ROOT, "%.1f × (medians: %.1f ×)", growthOfMinima, growth), growthOfMinima <= 12));
        }
        md.append("\n![logout everywhere: time against sessions, log-log](").append(plot.toString().replace('\\', '/')).append(")\n\n")
                .append("On log-log axes a cost that grows linearly is a line of slope 1 (the dotted guides); the dashed line is the ")
                .append((int) LIMIT_MS).append(" ms target. Linearity is judged on the growth of the minima, the repetitions least ")
                .append("disturbed by the rest of a shared machine; the growth of the medians is shown beside it.\n");
        return new Section("Logout everywhere", md.toString(), targets);
    }
}
