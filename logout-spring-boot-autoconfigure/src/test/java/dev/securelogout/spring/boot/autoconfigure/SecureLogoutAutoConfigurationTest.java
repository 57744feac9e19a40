package dev.securelogout.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.LogoutRequest;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.monitor.CheckKind;
import dev.securelogout.core.monitor.CheckResult;
import dev.securelogout.core.monitor.EngineMonitor;
import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.spi.LogoutListener;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.jdbc.JdbcPersistentTokenStore;
import dev.securelogout.jdbc.JdbcSessionStore;
import dev.securelogout.micrometer.MicrometerEngineMonitor;
import dev.securelogout.spring.security.StoreSessionRegistry;
import dev.securelogout.tck.MutableClock;
import dev.securelogout.tck.http.Poll;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.core.session.SessionRegistry;

/** The auto-configuration in a real application context: store choice, properties, back-off. */
class SecureLogoutAutoConfigurationTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes!!";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SecureLogoutAutoConfiguration.class));

    @Test
    void withoutDataSourceOrRedisTheStoresAreInMemoryAndTheRegistryIsTheStore() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(LogoutEngine.class);
            assertThat(context.getBean(SessionStore.class).getClass().getPackageName()).isEqualTo("dev.securelogout.core.memory");
            assertThat(context.getBean(SessionRegistry.class)).isInstanceOf(StoreSessionRegistry.class);
            LogoutEngine engine = context.getBean(LogoutEngine.class);
            engine.startSession("alice", Device.unknown());
            assertThat(context.getBean(SessionRegistry.class).getAllSessions("alice", false)).hasSize(1);
        });
    }

    @Test
    void theEnginesHealthIsAHealthIndicatorAndAMonitorBeanReachesTheEngine() {
        List<CheckResult> checks = new CopyOnWriteArrayList<>();
        runner.withBean(EngineMonitor.class, () -> new EngineMonitor() {
            @Override
            public void check(CheckKind kind, CheckResult result) {
                checks.add(result);
            }
        }).run(context -> {
            Health health = context.getBean(SecureLogoutHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("sessions", "UP").containsEntry("tokenVersions", "UP")
                    .containsEntry("pendingRevocations", 0);
            context.getBean(LogoutEngine.class).check("not-a-session");
            assertThat(checks).containsExactly(CheckResult.REFUSED);
        });
    }

    @Test
    void withSpringBootsMeterRegistryTheEngineReportsToMicrometerAndLogoutsAreObserved() {
        List<String> observed = new CopyOnWriteArrayList<>();
        ObservationHandler<Observation.Context> handler = new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                observed.add(context.getName() + " outcome=" + context.getLowCardinalityKeyValue("outcome").getValue());
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        };
        runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, ObservationAutoConfiguration.class))
                .withBean(ObservationHandler.class, () -> handler).run(context -> {
            assertThat(context).hasSingleBean(MicrometerEngineMonitor.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            LogoutEngine engine = context.getBean(LogoutEngine.class);
            engine.check("not-a-session");
            engine.logout(LogoutRequest.from(Device.unknown()).withSessionId(engine.startSession("alice", Device.unknown()).id().value()));
            assertThat(registry.get(MicrometerEngineMonitor.CHECKS).tag("kind", "session").tag("result", "refused")
                    .functionCounter().count()).isEqualTo(1.0);
            assertThat(registry.get(MicrometerEngineMonitor.LOGOUTS).tag("reason", "user_logout").tag("outcome", "success")
                    .counter().count()).isEqualTo(1.0);
            assertThat(observed).as("on Spring Boot's observation registry").containsExactly("securelogout.logout outcome=success");
        });
    }

    @Test
    void theApplicationsMonitorWinsOverMicrometersAndWithoutARegistryThereIsNone() {
        AutoConfigurations metrics = AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class);
        runner.withConfiguration(metrics).withBean(EngineMonitor.class, () -> new EngineMonitor() {
        }).run(context -> assertThat(context).doesNotHaveBean(MicrometerEngineMonitor.class).hasSingleBean(EngineMonitor.class));
        runner.run(context -> assertThat(context).doesNotHaveBean(EngineMonitor.class).hasSingleBean(LogoutEngine.class));
        runner.withConfiguration(metrics).withClassLoader(new FilteredClassLoader(MicrometerEngineMonitor.class))
                .run(context -> assertThat(context).doesNotHaveBean(EngineMonitor.class).hasSingleBean(MeterRegistry.class));
    }

    @Test
    void withoutSpringBootHealthThereIsNoHealthIndicator() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).doesNotHaveBean(SecureLogoutHealthIndicator.class).hasSingleBean(LogoutEngine.class));
    }

    @Test
    void propertiesReachTheEngine() {
        runner.withPropertyValues("securelogout.secret=" + SECRET, "securelogout.remember-me-lifetime=7d",
                        "securelogout.cookies.session-name=__Host-app", "securelogout.cookies.same-site=strict")
                .run(context -> {
                    LogoutEngine engine = context.getBean(LogoutEngine.class);
                    assertThat(engine.rememberMeLifetime()).isEqualTo(Duration.ofDays(7));
                    assertThat(engine.sessionCookie().name()).isEqualTo("__Host-app");
                    assertThat(engine.sessionCookie().setCookie("x")).contains("SameSite=Strict");
                });
    }

    @Test
    void aSecretShorterThan32BytesStopsTheStart() {
        runner.withPropertyValues("securelogout.secret=short").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("securelogout.secret must have at least 32 bytes"));
    }

    @Test
    void withADataSourceTheStoresAreJdbcAndTheSchemaIsCreatedWhenAsked() {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8).replace("-", "") + "_";
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1");
        runner.withBean(DataSource.class, () -> h2)
                .withPropertyValues("securelogout.jdbc.table-prefix=" + prefix, "securelogout.jdbc.initialize-schema=true")
                .run(context -> {
                    assertThat(context.getBean(SessionStore.class)).isInstanceOf(JdbcSessionStore.class);
                    assertThat(context).hasSingleBean(JdbcPersistentTokenStore.class);
                    try (Connection connection = h2.getConnection();
                         ResultSet tables = connection.getMetaData().getTables(null, null, (prefix + "%").toUpperCase(), null)) {
                        assertThat(tables.next()).as("tables created under " + prefix).isTrue();
                    }
                    context.getBean(LogoutEngine.class).startSession("bob", Device.unknown());
                    assertThat(context.getBean(LogoutEngine.class).admin().sessionsOf("bob")).hasSize(1);
                });
    }

    @Test
    void withADataSourceEachNodePurgesExpiredRowsAndTheEngineAuditsTheExpiredSessions() {
        String prefix = "p" + UUID.randomUUID().toString().substring(0, 8).replace("-", "") + "_";
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1");
        MutableClock movable = MutableClock.startingNow();
        List<LogoutEvent> events = new CopyOnWriteArrayList<>();
        runner.withBean(DataSource.class, () -> h2).withBean(Clock.class, () -> movable)
                .withBean(LogoutListener.class, () -> events::add)
                .withPropertyValues("securelogout.jdbc.table-prefix=" + prefix, "securelogout.jdbc.initialize-schema=true",
                        "securelogout.jdbc.purge-interval=50ms", "securelogout.idle-timeout=10m")
                .run(context -> {
                    context.getBean(LogoutEngine.class).startSession("carol", Device.unknown());
                    movable.advance(Duration.ofMinutes(11));
                    Poll.until(Duration.ofSeconds(10), Duration.ofMillis(20),
                            () -> events.stream().anyMatch(e -> e.reason() == LogoutReason.EXPIRED && e.userId().equals(Optional.of("carol"))),
                            () -> "no EXPIRED audit of carol's session; events: " + events);
                    try (Connection connection = h2.getConnection();
                         ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + prefix + "session")) {
                        assertThat(rows.next()).isTrue();
                        assertThat(rows.getLong(1)).as("the expired row purged").isZero();
                    }
                });
    }

    @Test
    void storeMemoryWinsOverADataSource() {
        runner.withBean(DataSource.class, JdbcDataSource::new).withPropertyValues("securelogout.store=memory")
                .run(context -> assertThat(context.getBean(SessionStore.class).getClass().getPackageName())
                        .isEqualTo("dev.securelogout.core.memory"));
    }

    @Test
    void everyBeanBacksOffForTheApplicationsOwn() {
        LogoutEngine own = LogoutEngine.builder().inMemory().build();
        SessionStore ownStore = InMemoryStores.sessionStore(Clock.systemUTC());
        runner.withBean(LogoutEngine.class, () -> own).withBean(SessionStore.class, () -> ownStore).run(context -> {
            assertThat(context.getBean(LogoutEngine.class)).isSameAs(own);
            assertThat(context.getBean(SessionStore.class)).isSameAs(ownStore);
        });
    }
}
