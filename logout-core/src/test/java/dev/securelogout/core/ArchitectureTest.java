package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Core's public surface stays what it is on purpose: the facade and its values for adapters, the SPIs in
 * their own package for stores, the engine's parts package-private. That core imports no framework,
 * and the other dependency rules, are logout-checks' ArchitectureTest, over the bytecode.
 */
class ArchitectureTest {

    @Test
    @DisplayName("adapters see the facade and its values: every part of the engine is package-private")
    void theEnginesPartsArePackagePrivate() throws IOException {
        assertEquals(Set.of("AccessTokenStatus", "ClientInstructions", "IssuedToken", "LogoutEngine", "LogoutOutcome",
                "LogoutRequest", "NewSession", "ReauthenticationRequiredException", "RefreshResult", "RememberMeLogin", "RevokeResult", "SecurityEvent",
                "SessionAdmin", "SessionCheck", "SessionLimitReachedException"), publicTypes("dev/securelogout/core"));
    }

    @Test
    @DisplayName("what stores and extensions implement is in core.spi, and only that: interfaces and the one failure")
    void theSpiPackageHoldsTheSpisOnly() throws IOException {
        assertEquals(Set.of("AccessTokenDenylist", "AccessTokenVerifier", "CookieClearer", "LogoutListener",
                "PersistentTokenStore", "SessionExpiryListener", "SessionNotifier", "SessionStore", "StoreException",
                "TokenVersionStore"),
                publicTypes("dev/securelogout/core/spi"));
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/securelogout/core/spi"))) {
            List<String> classes = files.filter(p -> !p.endsWith("package-info.java"))
                    .filter(p -> lines(p).anyMatch(line -> line.matches("public (final )?(class|record|enum) .*")))
                    .map(p -> p.getFileName().toString())
                    .toList();
            assertEquals(List.of("StoreException.java"), classes);
        }
    }

    /** The public top-level types declared in {@code packagePath} (not below it). */
    private static Set<String> publicTypes(String packagePath) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java", packagePath))) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> lines(p).anyMatch(line -> line.matches("public (final |abstract |sealed )*(class|interface|record|enum) .*")))
                    .map(p -> p.getFileName().toString().replace(".java", ""))
                    .collect(Collectors.toSet());
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
