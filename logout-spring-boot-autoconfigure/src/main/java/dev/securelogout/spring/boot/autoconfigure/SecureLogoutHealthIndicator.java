package dev.securelogout.spring.boot.autoconfigure;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.monitor.EngineHealth;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The engine's {@link LogoutEngine#health()} for Spring Boot's health endpoint: UP when every store
 * (and every added probe) answered within 2 s, else DOWN; the details name each probe with
 * UP or DOWN and the pending revocations (no host, class or error message). Thread-safe.
 */
@SuppressWarnings("exports") // spring-boot-health is optional: an application that has this bean has the module
public final class SecureLogoutHealthIndicator implements HealthIndicator {

    private final LogoutEngine engine;

    /**
     * Reports on {@code engine}.
     *
     * @param engine the application's engine
     */
    public SecureLogoutHealthIndicator(LogoutEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public Health health() {
        EngineHealth health = engine.health();
        Health.Builder answer = health.up() ? Health.up() : Health.down();
        health.probes().forEach((name, probe) -> answer.withDetail(name, probe.up() ? "UP" : "DOWN"));
        return answer.withDetail("pendingRevocations", health.pendingRevocations()).build();
    }
}
