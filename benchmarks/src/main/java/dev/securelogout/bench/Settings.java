package dev.securelogout.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line: {@code [--quick] [--only=peer,check,http,logout,memory,metrics] [--out=DIR]}. Quick runs
 * are for development (one fork, few iterations, short load runs); the committed figures come from
 * a full run. The report goes to {@code DIR/BENCHMARKS.md} and {@code DIR/docs/}, DIR being the
 * current directory (the repository root) unless given.
 *
 * @param quick    short runs for development
 * @param sections which parts to run
 * @param root     where the report goes
 * @param command  the command line as typed, for the report
 */
record Settings(boolean quick, Set<String> sections, Path root, String command) {

    static final List<String> ALL = List.of("peer", "check", "http", "logout", "memory", "metrics");

    static Settings parse(String[] args) {
        boolean quick = false;
        Set<String> sections = new LinkedHashSet<>(ALL);
        Path root = Path.of("").toAbsolutePath();
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
            } else {
                throw new IllegalArgumentException("usage: [--quick] [--only=" + String.join(",", ALL) + "] [--out=DIR]");
            }
        }
        String command = "java -jar benchmarks/target/benchmarks.jar" + (args.length == 0 ? "" : " " + String.join(" ", args));
        return new Settings(quick, Set.copyOf(sections), root, command);
    }

    boolean runs(String section) {
        return sections.contains(section);
    }
}
