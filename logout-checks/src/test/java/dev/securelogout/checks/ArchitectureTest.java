package dev.securelogout.checks;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import dev.securelogout.core.memory.InMemoryStores;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture of the published modules, over their bytecode: core is framework-free, adapters
 * use core's API and stores core's SPI, and no two packages depend on each other. Replaces core's
 * import-line test; core's own ArchitectureTest still pins its public types.
 */
@AnalyzeClasses(packages = "dev.securelogout", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String CORE = "dev.securelogout.core..";
    private static final String INTERNAL = "dev.securelogout.core.internal..";
    private static final String SET_ONCE = "dev.securelogout.core.internal.SetOnce";
    private static final String TICKER = "dev.securelogout.core.internal.AdvancingTicker";
    private static final String REDIS_NOTIFIER = "dev\\.securelogout\\.redis\\.RedisSessionNotifier(\\$.*)?";

    /** The packages of core a store may see: the SPI and the model its signatures carry. */
    private static final String[] SPI = {"dev.securelogout.core.spi..", "dev.securelogout.core.session..",
            "dev.securelogout.core.token..", "dev.securelogout.core.credential..", "dev.securelogout.core.event..",
            "dev.securelogout.core.monitor.."}; // and the monitor, which the Redis near cache reports to

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.securelogout.(**)")
            .should().beFreeOfCycles()
            .because("a package depends on another, or the other on it, never both");

    @ArchTest
    static final ArchRule coreIsFrameworkFree = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.servlet..", "java.sql..", "javax.sql..",
                    "org.postgresql..", "org.mariadb..", "org.h2..", "redis..", "io.lettuce..", "com.nimbusds..",
                    "io.jsonwebtoken..", "org.springframework..")
            .because("adapters and stores depend on core, never the other way round");

    @ArchTest
    static final ArchRule adaptersUseTheEngineNotTheMemoryStores = noClasses()
            .that().resideInAnyPackage("dev.securelogout.servlet..", "dev.securelogout.jwt..", "dev.securelogout.oidc..",
                    "dev.securelogout.spring.security..")
            .should().dependOnClassesThat().resideInAPackage("dev.securelogout.core.memory..")
            .because("an adapter works with whatever stores the engine was built with");

    @ArchTest
    static final ArchRule storesSeeOnlyTheSpi = classes()
            .that().resideInAnyPackage("dev.securelogout.jdbc..", "dev.securelogout.redis..")
            .and().haveNameNotMatching(REDIS_NOTIFIER)
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(CORE).or(resideInAnyPackage(SPI)).or(name(SET_ONCE))
                    .or(name(TICKER)))
            .because("a store implements core's SPI and needs nothing else of core (but its builders' SetOnce, and the near"
                    + " cache's ticker)");

    /**
     * Core's internal package is exported to the other library modules (ModuleTest pins to which) for two
     * types: {@code SetOnce}, for their builders only (Spring's configurer is one), each taking a setting
     * once as core's do; and {@code AdvancingTicker}, for the Redis near cache only, whose caches run on
     * the time the engine read, as the in-memory store's does.
     */
    @ArchTest
    static final ArchRule outsideCoreOnlyBuildersSeeSetOnce = noClasses()
            .that().resideOutsideOfPackage(CORE).and().haveSimpleNameNotEndingWith("Builder")
            .and().haveSimpleNameNotEndingWith("Configurer")
            .should().dependOnClassesThat(name(SET_ONCE))
            .because("core.internal's SetOnce is exported to the other modules for their builders (and Spring configurer) only");

    @ArchTest
    static final ArchRule outsideCoreOnlyTheNearCacheSeesTheTicker = noClasses()
            .that().resideOutsideOfPackage(CORE).and().doNotHaveFullyQualifiedName("dev.securelogout.redis.RedisNearCache")
            .should().dependOnClassesThat(name(TICKER))
            .because("core.internal's AdvancingTicker is exported for the Redis near cache only");

    @ArchTest
    static final ArchRule outsideCoreOnlySetOnceAndTheTickerOfItsInternalsAreUsed = noClasses()
            .that().resideOutsideOfPackage(CORE)
            .should().dependOnClassesThat(resideInAPackage(INTERNAL).and(not(name(SET_ONCE))).and(not(name(TICKER))))
            .because("whatever else core.internal holds is core's own");

    /**
     * The one exception, pinned: the Redis notifier delivers a notice to this node's subscribers
     * through core's in-memory notifier instead of a second copy of it.
     */
    @ArchTest
    static final ArchRule theRedisNotifierSeesTheSpiAndTheLocalNotifier = classes()
            .that().haveNameMatching(REDIS_NOTIFIER)
            .should().onlyDependOnClassesThat(resideOutsideOfPackage(CORE).or(resideInAnyPackage(SPI)).or(type(InMemoryStores.class)))
            .because("its local fan-out is InMemoryStores.notifier(), and nothing else of core outside the SPI");

    @ArchTest
    static final ArchRule theTestKitIsHarnessOnly = noClasses().that().resideInAPackage("dev.securelogout.testkit..")
            .should().dependOnClassesThat().resideInAnyPackage(CORE, "dev.securelogout.servlet..", "dev.securelogout.jwt..",
                    "dev.securelogout.oidc..", "dev.securelogout.jdbc..", "dev.securelogout.redis..", "dev.securelogout.spring..",
                    "org.springframework..")
            .because("every module's tests use the kit, so it depends on none of them (only on the tck), nor on Spring");
}
