package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Core stays framework-agnostic: adapters depend on it, never the other way round. */
class ArchitectureTest {

    private static final List<String> FORBIDDEN = List.of("import jakarta.", "import javax.servlet", "import java.sql",
            "import javax.sql", "import redis.", "import io.lettuce", "import com.nimbusds");

    @Test
    @DisplayName("core imports no servlet, JDBC, Redis or JWT library type")
    void coreImportsNoAdapterType() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(ArchitectureTest::lines)
                    .filter(line -> FORBIDDEN.stream().anyMatch(line::startsWith))
                    .toList();
            assertEquals(List.of(), offenders);
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
