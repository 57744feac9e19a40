package dev.securelogout.checks.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The README's wiring examples are compiled code: each block the README marks with
 * {@code <!-- example: Name -->} is, line for line, the part of {@code readme/Name.java} between
 * {@code // README begin} and {@code // README end}, which this module compiles (with -Werror).
 * A new example is a marker in the README and a file here.
 */
class ReadmeExamplesTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SNIPPETS = Path.of("src/test/java/dev/securelogout/checks/readme");
    private static final Pattern MARKED = Pattern.compile("<!-- example: (\\w+)[^>]*-->\\n```java\\n(.*?)\\n```", Pattern.DOTALL);
    private static final Pattern REGION = Pattern.compile("\\n[ \\t]*// README begin\\n(.*?)\\n[ \\t]*// README end\\n", Pattern.DOTALL);

    @TestFactory
    @DisplayName("every marked README example is the region of its compiled snippet")
    Stream<DynamicTest> readmeExamplesAreCompiledSnippets() throws IOException {
        Matcher marked = MARKED.matcher(Files.readString(README));
        List<DynamicTest> tests = new ArrayList<>();
        while (marked.find()) {
            String name = marked.group(1);
            String block = marked.group(2);
            tests.add(DynamicTest.dynamicTest(name, () -> assertEquals(block, region(SNIPPETS.resolve(name + ".java")),
                    "the README's " + name + " example differs from readme/" + name + ".java")));
        }
        assertTrue(tests.size() >= 3, "README.md marks " + tests.size() + " examples; expected TenLines, SpringSecurity, JakartaServlet");
        return tests.stream();
    }

    /** The snippet's README region, without the indentation its lines share. */
    private static String region(Path snippet) {
        String source;
        try {
            source = Files.readString(snippet);
        } catch (IOException e) {
            throw new UncheckedIOException("no snippet for a marked README example: " + snippet, e);
        }
        Matcher region = REGION.matcher(source);
        assertTrue(region.find(), snippet + " has no // README begin ... // README end region");
        List<String> lines = region.group(1).lines().toList();
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent)).toList());
    }
}
