package dev.securelogout.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the figures were measured on: CPU, cores, memory, OS, JVM, and the load average (the
 * machine is shared, so the report says how quiet it was).
 */
final class Machine {

    private Machine() {
    }

    /** One Markdown list describing the machine. */
    static String describe() {
        Runtime rt = Runtime.getRuntime();
        return "- CPU: " + cpuModel() + ", " + rt.availableProcessors() + " cores available to the JVM\n"
                + "- Memory: " + String.format(Locale.ROOT, "%.1f GiB", totalMemoryKiB() / 1024.0 / 1024.0) + " RAM; JVM max heap "
                + rt.maxMemory() / (1024 * 1024) + " MiB\n"
                + "- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")\n"
                + "- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + "\n";
    }

    /** The 1-, 5- and 15-minute load averages, as /proc/loadavg has them. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static long totalMemoryKiB() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(line -> line.startsWith("MemTotal:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst().orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }
}
