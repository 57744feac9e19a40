package dev.securelogout.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each published module's descriptor, as its jar carries it: the packages it exports are its API and
 * SPI, so a new exported package is a decision made here, not a side effect (as Caffeine's
 * ModuleTest). A new module is one line in {@link #EXPORTS} (and its dependency in this pom). The one
 * qualified export, core's internal package to the modules whose builders share its {@code SetOnce},
 * is pinned in {@link #QUALIFIED}, as the JDK exports its internals to its own modules only.
 */
class ModuleTest {

    private static final String CORE = "dev.securelogout.core";

    /** Module name to the packages it exports to everyone. */
    static final Map<String, Set<String>> EXPORTS = Map.of(
            CORE, Set.of(CORE, CORE + ".spi", CORE + ".session", CORE + ".token", CORE + ".credential", CORE + ".event",
                    CORE + ".cookie", CORE + ".memory", CORE + ".throttle", CORE + ".monitor"),
            "dev.securelogout.tck", Set.of("dev.securelogout.tck", "dev.securelogout.tck.http"),
            "dev.securelogout.testkit", Set.of("dev.securelogout.testkit.http", "dev.securelogout.testkit.jetty",
                    "dev.securelogout.testkit.services"),
            "dev.securelogout.servlet", Set.of("dev.securelogout.servlet"),
            "dev.securelogout.jwt", Set.of("dev.securelogout.jwt"),
            "dev.securelogout.jdbc", Set.of("dev.securelogout.jdbc"),
            "dev.securelogout.redis", Set.of("dev.securelogout.redis"),
            "dev.securelogout.spring.security", Set.of("dev.securelogout.spring.security"),
            "dev.securelogout.spring.boot.autoconfigure", Set.of("dev.securelogout.spring.boot.autoconfigure"),
            "dev.securelogout.spring.boot.starter", Set.of());

    /** Module name to the packages it exports to named modules only, and those modules. */
    static final Map<String, Map<String, Set<String>>> QUALIFIED = Map.of(
            CORE, Map.of(CORE + ".internal", Set.of("dev.securelogout.jwt", "dev.securelogout.oidc", "dev.securelogout.redis",
                    "dev.securelogout.servlet", "dev.securelogout.spring.security")));

    /** Every root of the test class path (jars and class directories) that holds a module descriptor or a manifest. */
    private static final ModuleFinder CLASS_PATH = ModuleFinder.of(roots("module-info.class", "META-INF/MANIFEST.MF"));

    @Test
    @DisplayName("every secure-logout module on the class path has a descriptor, and each is listed here")
    void everyModuleIsListed() {
        Set<String> found = ModuleFinder.of(roots("module-info.class")).findAll().stream()
                .map(reference -> reference.descriptor().name())
                .filter(name -> name.startsWith("dev.securelogout."))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(EXPORTS.keySet()), found);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    @DisplayName("a module exports exactly its API and SPI packages to everyone, and the pinned ones to named modules only")
    void exportsExactlyItsApi(String module) {
        ModuleDescriptor descriptor = descriptor(module);
        assertEquals(new TreeSet<>(EXPORTS.get(module)), descriptor.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new)));
        assertEquals(QUALIFIED.getOrDefault(module, Map.of()), descriptor.exports().stream().filter(ModuleDescriptor.Exports::isQualified)
                .collect(Collectors.toMap(ModuleDescriptor.Exports::source, ModuleDescriptor.Exports::targets)));
        assertTrue(!descriptor.isAutomatic() && !descriptor.isOpen(), () -> module + " is not an explicit, closed module");
    }

    @Test
    @DisplayName("a qualified export names modules of this project, by their real names (logout-oidc's automatic one included)")
    void qualifiedExportsNameRealModules() {
        QUALIFIED.values().stream().flatMap(exports -> exports.values().stream()).flatMap(Set::stream).forEach(target ->
                assertTrue(CLASS_PATH.find(target).isPresent(), () -> target + " is no module on the test class path"));
    }

    @Test
    @DisplayName("on the module path every module resolves with what it requires: no --add-modules needed")
    void resolvesOnTheModulePath() {
        // the JDK's modules first, then the jars: as a consumer's module path sees them
        Configuration configuration = Configuration.resolve(ModuleFinder.of(), List.of(ModuleLayer.boot().configuration()),
                CLASS_PATH, EXPORTS.keySet());
        assertTrue(configuration.findModule("org.slf4j").isPresent(), "core's slf4j-api resolved");
    }

    static Set<String> modules() {
        return new TreeSet<>(EXPORTS.keySet());
    }

    private static ModuleDescriptor descriptor(String module) {
        return CLASS_PATH.find(module).map(ModuleReference::descriptor)
                .orElseThrow(() -> new AssertionError(module + " is not on the test class path: add it to logout-checks' pom"));
    }

    /** The class-path roots (a jar or a directory) holding any of {@code resources}. */
    private static Path[] roots(String... resources) {
        Set<Path> roots = new LinkedHashSet<>();
        try {
            for (String resource : resources) {
                for (URL url : Collections.list(ModuleTest.class.getClassLoader().getResources(resource))) {
                    if (url.getProtocol().equals("jar")) {
                        roots.add(Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI()));
                    } else {
                        Path root = Path.of(url.toURI());
                        for (int i = 0; i < resource.split("/").length; i++) {
                            root = root.getParent();
                        }
                        roots.add(root);
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the test class path", e);
        }
        // surefire's booter jar (a manifest pointing at the class path) is no module of anyone's
        roots.removeIf(root -> root.getFileName().toString().startsWith("surefirebooter"));
        return roots.toArray(Path[]::new);
    }
}
