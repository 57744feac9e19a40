package dev.securelogout.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link CheckBenchmark} and {@link Baselines} in one JMH run (average time per operation)
 * and reports, per benchmark, the median of every measured iteration of every fork with the
 * smallest and largest, and the ratios the targets name.
 */
final class CheckRun {

    private static final String FLOOR = "chmGet";
    private static final String DIGEST = "parseDigestGet";
    private static final String SHA256 = "sha256";
    private static final String EXISTS = "redisExists";

    private CheckRun() {
    }

    static Section run(Settings settings) throws Exception {
        Collection<RunResult> results = runJmh(settings, CheckBenchmark.class, Baselines.class, BearerBenchmark.class);
        PairedRun.Result paired = PairedRun.strictAgainstExists(settings.quick());
        Summary[] cached = PairedRun.cachedAgainstDigestFloor(settings.quick());
        Map<String, Summary> byName = new LinkedHashMap<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            String backend = result.getParams().getParam("backend");
            byName.put(backend == null ? method : method + "/" + backend, Summary.of(iterationScores(result)));
        }
        return report(byName, paired, cached, settings);
    }

    /**
     * Runs every benchmark of {@code benchmarks} in one JMH run: average time per operation in
     * nanoseconds, {@code settings}' forks and iterations of 1 s.
     */
    static Collection<RunResult> runJmh(Settings settings, Class<?>... benchmarks) throws RunnerException {
        OptionsBuilder options = new OptionsBuilder();
        for (Class<?> benchmark : benchmarks) {
            options.include(Pattern.quote(benchmark.getName()) + "\\.");
        }
        return new Runner(options
                .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .forks(settings.quick() ? 1 : 3)
                .warmupIterations(settings.quick() ? 2 : 4)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(settings.quick() ? 3 : 5)
                .measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .build()).run();
    }

    /** Every measured iteration's score of every fork of {@code result}. */
    static double[] iterationScores(RunResult result) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                scores.add(iteration.getPrimaryResult().getScore());
            }
        }
        return scores.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Section report(Map<String, Summary> byName, PairedRun.Result paired, Summary[] cached, Settings settings) {
        Summary floor = byName.get(FLOOR);
        Optional<Summary> exists = Optional.ofNullable(byName.get(EXISTS));
        StringBuilder md = new StringBuilder();
        md.append("JMH, average time per operation, one thread; ")
                .append(settings.quick() ? "1 fork × 3" : "3 forks × 5")
                .append(" measured iterations of 1 s after warm-up. Each figure is the median of those iteration ")
                .append("scores, with the smallest and largest in brackets. The ratios divide medians measured in this same run.\n\n")
                .append("| what | ns/op: median (min–max) | × CHM floor | × digest floor | × raw EXISTS |\n")
                .append("| --- | ---: | ---: | ---: | ---: |\n");
        Summary digest = byName.get(DIGEST);
        row(md, "`ConcurrentHashMap.get` by raw id (the floor)", floor, floor, digest, exists);
        row(md, "a plain JDK SHA-256 of the id's secret part (the bytes the digest floor hashes)", byName.get(SHA256), floor, digest, exists);
        row(md, "parse id + SHA-256 + map get (the digest floor: what every check begins with)", digest, floor, digest, exists);
        for (Backend backend : Backend.values()) {
            row(md, "`engine.check` — " + backend.label(), byName.get("check/" + backend.name()), floor, digest, exists);
        }
        for (Backend backend : Backend.values()) {
            row(md, "store `find(key)` only — " + backend.label(), byName.get("find/" + backend.name()), floor, digest, exists);
        }
        exists.ifPresent(e -> row(md, "one raw Redis `EXISTS` round trip", e, floor, digest, exists));
        md.append("\nThe bearer guard's two halves (no target of their own; they explain the HTTP figures):\n\n")
                .append("| what | ns/op: median (min–max) |\n| --- | ---: |\n");
        bearerRow(md, "verify an HS256 JWT (logout-jwt's Nimbus verifier; the application's part)", byName.get("verifyJwt"));
        for (Backend backend : Backend.values()) {
            bearerRow(md, "`engine.checkAccessToken` — " + backend.label(), byName.get("checkAccessToken/" + backend.name()));
        }
        md.append(String.format(Locale.ROOT, "%nPaired and interleaved (%d rounds of 200 calls of each, the order rotating; "
                + "the per-round ratio cancels the load drift that separate JMH runs suffer), µs per call: strict `engine.check` %s, "
                + "the strict store's `find(key)` alone %s, strict `engine.checkAccessToken` of a token minted from a refresh token (it names a grant) %s, raw `EXISTS` %s; "
                + "check / EXISTS %s, find / EXISTS %s, checkAccessToken / EXISTS %s. "
                + "The strict targets are judged on check / EXISTS and checkAccessToken / EXISTS.%n",
                paired.checkRatio().count(), paired.check().format(1), paired.find().format(1), paired.bearer().format(1),
                paired.exists().format(1), paired.checkRatio().format(2), paired.findRatio().format(2), paired.bearerRatio().format(2)))
                .append(String.format(Locale.ROOT, "%nThe cached checks against the digest floor, paired the same way (%d rounds of 200 calls "
                + "of each), ns per call: plain JDK SHA-256 %s, digest floor %s, `engine.check` in memory %s, with the Redis near cache %s; "
                + "per round, SHA-256 / digest floor %s (the rest of the floor is parsing, base64 and the map), in memory / digest floor %s, "
                + "near cache / digest floor %s. The 1.3 × targets are judged on these paired ratios.%n",
                cached[0].count(), cached[0].scaled(1e3).format(0), cached[1].scaled(1e3).format(0), cached[2].scaled(1e3).format(0),
                cached[3].scaled(1e3).format(0), cached[4].format(2), cached[5].format(2), cached[6].format(2)));
        List<Section.Target> targets = new ArrayList<>();
        for (Backend backend : Backend.values()) {
            Summary check = byName.get("check/" + backend.name());
            if (check == null) {
                continue;
            }
            Summary digestRatio = backend == Backend.MEMORY ? cached[5] : cached[6];
            backend.checkTarget().ifPresent(target -> targets.add(target.judge(backend.label(), digestRatio, paired)));
        }
        targets.add(new Section.Target("Redis strict: bearer check (`engine.checkAccessToken`) within 1.2 × one raw EXISTS (paired)",
                String.format(Locale.ROOT, "%.2f ×", paired.bearerRatio().median()), paired.bearerRatio().median() <= 1.2));
        return new Section("Per-request check", md.toString(), targets);
    }

    private static void row(StringBuilder md, String what, Summary value, Summary floor, Summary digest,
                            Optional<Summary> exists) {
        if (value == null) {
            return;
        }
        md.append("| ").append(what).append(" | ").append(value.format(value.median() < 100 ? 1 : 0)).append(" | ")
                .append(ratio(value, floor)).append(" | ").append(ratio(value, digest)).append(" | ")
                .append(exists.map(e -> ratio(value, e)).orElse("–")).append(" |\n");
    }

    private static void bearerRow(StringBuilder md, String what, Summary value) {
        if (value != null) {
            md.append("| ").append(what).append(" | ").append(value.format(0)).append(" |\n");
        }
    }

    static String ratio(Summary value, Summary base) {
        return String.format(Locale.ROOT, "%.2f", value.median() / base.median());
    }

    /**
     * A bound on a check's median per-round paired ratio: at most {@code limit} times the digest
     * floor (parse + SHA-256 + map get), or times one raw EXISTS when {@code againstExists}.
     *
     * @param limit         the largest ratio allowed
     * @param againstExists whether the baseline is the raw EXISTS round trip instead of the digest floor
     */
    record Target(double limit, boolean againstExists) {

        Section.Target judge(String label, Summary digestRatio, PairedRun.Result paired) {
            double ratio = againstExists ? paired.checkRatio().median() : digestRatio.median();
            String baseline = againstExists ? "one raw EXISTS (paired)" : "the digest floor (parse + SHA-256 + map get; paired)";
            return new Section.Target(String.format(Locale.ROOT, "%s check within %.1f × %s", label, limit, baseline),
                    String.format(Locale.ROOT, "%.2f ×", ratio), ratio <= limit);
        }
    }
}
