package dev.securelogout.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every benchmark of the project and writes {@code BENCHMARKS.md} (and its plot under
 * {@code docs/}) at the repository root. See {@link Settings} for the options; the services are
 * found as {@link Services} says.
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs the benchmarks the arguments select and writes the report.
     *
     * @param args {@code [--quick] [--only=peer,check,http,logout,memory,metrics,spring,scale] [--out=DIR] [--scale-max=N]}
     * @throws Exception when a benchmark fails: no report is written from a failed run
     */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Settings settings = Settings.parse(args);
        String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        String loadBefore = Machine.loadAverage();
        List<Section> sections = new ArrayList<>();
        if (settings.runs("peer")) {
            sections.add(PeerRun.run(settings));
        }
        if (settings.runs("check")) {
            sections.add(CheckRun.run(settings));
        }
        if (settings.runs("http")) {
            sections.add(HttpRun.run(settings, List.of(Backend.MEMORY, Backend.REDIS_NEAR, Backend.REDIS_STRICT)));
        }
        if (settings.runs("logout")) {
            sections.add(LogoutEverywhereRun.run(settings, List.of(Backend.MEMORY, Backend.POSTGRESQL, Backend.MARIADB, Backend.REDIS_NEAR, Backend.REDIS_STRICT)));
        }
        if (settings.runs("memory")) {
            sections.add(MemoryRun.run(settings));
        }
        if (settings.runs("metrics")) {
            sections.add(MetricsRun.run(settings));
        }
        if (settings.runs("spring")) {
            sections.add(SpringRun.run(settings));
        }
        if (settings.runs("scale")) {
            sections.add(ScaleRun.run(settings));
        }
        Path report = settings.root().resolve("BENCHMARKS.md");
        Files.writeString(report, Report.render(settings, started, loadBefore, Machine.loadAverage(), sections),
                StandardCharsets.UTF_8);
        System.out.println("wrote " + report);
    }
}
