package dev.securelogout.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line: {@code [--quick] [--only=peer,check,http,logout,memory,metrics,spring,scale] [--out=DIR]
 * [--scale-max=N]}. Quick runs are for development (one fork, few iterations, short load runs); the
 * committed figures come from a full run. The default run is every part, {@code scale} last (it fills
 * the stores with up to {@code --scale-max} sessions, a million by default: minutes of work). The
 * report goes to {@code DIR/BENCHMARKS.md} and {@code DIR/docs/}, DIR being the current directory
 * (the repository root) unless given.
 *
 * @param quick    short runs for development
 * @param sections which parts to run
 * @param root     where the report goes
 * @param command  the command line as typed, for the report
 * @param scaleMax the largest number of stored sessions the scale part fills to
 */
record Settings(boolean quick, Set<String> sections, Path root, String command, int scaleMax) {

    /** Every part, the parts a run without {@code --only} makes. */
    static final List<String> ALL = List.of("peer", "check", "http", "logout", "memory", "metrics", "spring", "scale");

    static Settings parse(String[] args) {
        boolean quick = false;
        Set<String> sections = new LinkedHashSet<>(ALL);
        Path root = Path.of("").toAbsolutePath();
        int scaleMax = 1_000_000;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--only=")) {
                sections = new LinkedHashSet<>(Arrays.asList(arg.substring("--only=".length()).split(",")));
                if (!ALL.containsAll(sections)) {
                    throw new IllegalArgumentException("--only takes some of " + ALL);
                }
            } else if (arg.startsWith("--out=")) {
                root = Path.of(arg.substring("--out=".length())).toAbsolutePath();
            } else if (arg.startsWith("--scale-max=")) {
                scaleMax = Integer.parseInt(arg.substring("--scale-max=".length()));
                if (scaleMax < ScaleRun.SIZES[0]) {
                    throw new IllegalArgumentException("--scale-max takes at least " + ScaleRun.SIZES[0]);
                }
            } else {
                throw new IllegalArgumentException("usage: [--quick] [--only=" + String.join(",", ALL) + "] [--out=DIR] [--scale-max=N]");
            }
        }
        String command = "java -jar benchmarks/target/benchmarks.jar" + (args.length == 0 ? "" : " " + String.join(" ", args));
        return new Settings(quick, Set.copyOf(sections), root, command, scaleMax);
    }

    boolean runs(String section) {
        return sections.contains(section);
    }
}
