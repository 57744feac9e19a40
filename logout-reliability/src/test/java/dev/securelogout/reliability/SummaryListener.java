package dev.securelogout.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the figures of the whole run ({@link Tally#RUN}) once the test plan has run, and appends
 * them to {@code target/reliability-summary.txt}. Registered through {@code META-INF/services}.
 */
public final class SummaryListener implements TestExecutionListener {

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (Tally.RUN.requests.get() == 0 && Tally.RUN.hostileInputs.get() == 0) {
            return;
        }
        String line = Tally.RUN.summary("TOTAL");
        System.out.println(line);
        try {
            Files.writeString(Path.of("target", "reliability-summary.txt"), line + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
