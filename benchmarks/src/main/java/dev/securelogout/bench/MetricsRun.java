package dev.securelogout.bench;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.monitor.EngineMonitor;
import dev.securelogout.core.session.Device;
import dev.securelogout.micrometer.MicrometerEngineMonitor;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

/** Runs {@link MetricsBenchmark} and judges the bound: the check with metrics on within 5 % of off. */
final class MetricsRun {

    /** The largest cost of metrics allowed on the check. */
    static final double LIMIT = 1.05;

    private MetricsRun() {
    }

    /** The paired measurement on {@code backend}: two engines on stores of their own, one with metrics. */
    private static Summary[] paired(Backend backend, boolean quick) {
        Clock clock = Clock.systemUTC();
        EngineMonitor monitor = new MicrometerEngineMonitor(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        try (Backend.Stores offStores = backend.open(clock); Backend.Stores onStores = backend.open(clock, monitor)) {
            LogoutEngine off = offStores.engine(clock);
            LogoutEngine on = onStores.engine(clock, monitor);
            Device device = Device.of("Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", "127.0.0.1");
            Summary[] result = PairedRun.onAgainstOff(off, off.startSession("bench-user", device).id().value(),
                    on, on.startSession("bench-user", device).id().value(), quick);
            System.out.printf(Locale.ROOT, "# paired %s: off %s µs, on %s µs, on/off %s%n", backend.label(), result[0].format(3),
                    result[1].format(3), result[2].format(3));
            off.close();
            on.close();
            return result;
        }
    }

    static Section run(Settings settings) throws RunnerException {
        Map<String, Summary> byName = new LinkedHashMap<>();
        for (RunResult result : CheckRun.runJmh(settings, MetricsBenchmark.class)) {
            byName.put(result.getParams().getParam("backend") + "/" + result.getParams().getParam("metrics"),
                    Summary.of(CheckRun.iterationScores(result)));
        }
        Map<Backend, Summary[]> paired = new LinkedHashMap<>();
        for (Backend backend : List.of(Backend.MEMORY, Backend.REDIS_NEAR)) {
            paired.put(backend, paired(backend, settings.quick()));
        }
        StringBuilder md = new StringBuilder();
        md.append("JMH, average time per `engine.check` of a live session, one thread; ")
                .append(settings.quick() ? "1 fork × 3" : "3 forks × 5")
                .append(" measured iterations of 1 s after warm-up; median (min–max). Metrics on: `logout-micrometer` over ")
                .append("Micrometer's Prometheus registry, on the engine and the near cache (a check counter, a near-cache hit ")
                .append("counter, and a sample of store-call timings and near-cache ages). Off: no monitor. The two rows of a set-up ")
                .append("run minutes apart, so on a loaded machine their ratio follows the load more than the metrics; the target ")
                .append("is judged on the paired figures below.\n\n")
                .append("| set-up | metrics off, ns/op | metrics on, ns/op | on / off |\n| --- | ---: | ---: | ---: |\n");
        for (Backend backend : paired.keySet()) {
            Summary off = byName.get(backend.name() + "/off");
            Summary on = byName.get(backend.name() + "/on");
            md.append("| ").append(backend.label()).append(" | ").append(off.format(0)).append(" | ").append(on.format(0))
                    .append(" | ").append(String.format(Locale.ROOT, "%.3f", on.median() / off.median())).append(" |\n");
        }
        md.append("\nPaired and interleaved (blocks of 200 checks on each engine alternate, the order rotating every round, ")
                .append(settings.quick() ? 500 : 5000).append(" rounds; the per-round ratio cancels the load drift that separate ")
                .append("JMH runs suffer on a shared machine), ns per check, median (min–max); the target is judged on the median ")
                .append("per-round ratio:\n\n| set-up | metrics off | metrics on | on / off per round |\n| --- | ---: | ---: | ---: |\n");
        List<Section.Target> targets = new ArrayList<>();
        paired.forEach((backend, sides) -> {
            md.append("| ").append(backend.label()).append(" | ").append(sides[0].scaled(1e3).format(0)).append(" | ")
                    .append(sides[1].scaled(1e3).format(0)).append(" | ").append(sides[2].format(3)).append(" |\n");
            targets.add(new Section.Target(backend.label() + ": check with metrics on within " + LIMIT + " × off (paired)",
                    String.format(Locale.ROOT, "%.3f ×", sides[2].median()), sides[2].median() <= LIMIT));
        });
        return new Section("Metrics on the per-request check", md.toString(), targets);
    }
}
