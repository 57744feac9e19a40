package dev.securelogout.examples.ops;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.monitor.EngineHealth;
import dev.securelogout.examples.web.Http;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}: {@code {"status":"UP"|"DOWN","checks":{"sessions":"UP",...},"pendingRevocations":0}},
 * 200 when every store (and, on Redis, the epoch) answered within {@value #TIMEOUT_SECONDS} s, else
 * 503. The answer names no host, class or message (those are in {@link EngineHealth.Probe#detail()}). Thread-safe.
 */
public final class EngineHealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** How long the probes may take together. */
    static final int TIMEOUT_SECONDS = 2;

    private final transient LogoutEngine engine;

    /**
     * Reports on {@code engine}.
     *
     * @param engine the node's engine
     */
    public EngineHealthServlet(LogoutEngine engine) {
        this.engine = engine;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EngineHealth health = engine.health(Duration.ofSeconds(TIMEOUT_SECONDS));
        Map<String, String> checks = new LinkedHashMap<>();
        health.probes().forEach((name, probe) -> checks.put(name, probe.up() ? "UP" : "DOWN"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", health.up() ? "UP" : "DOWN");
        body.put("checks", checks);
        body.put("pendingRevocations", health.pendingRevocations());
        response.setHeader("Cache-Control", "no-store");
        Http.json(response, health.up() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE, body);
    }
}
