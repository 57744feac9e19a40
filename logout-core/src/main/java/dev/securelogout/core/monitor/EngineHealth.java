package dev.securelogout.core.monitor;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link dev.securelogout.core.LogoutEngine#health()} found: whether each store (and each
 * added {@link HealthProbe}) answered within the timeout, and how many revocations are pending.
 *
 * @param probes             by name ({@code sessions}, {@code persistentTokens}, {@code denylist},
 *                           {@code tokenVersions}, then the added probes), in that order
 * @param pendingRevocations revocations held on this node until a store takes them
 */
public record EngineHealth(Map<String, Probe> probes, int pendingRevocations) {

    /**
     * One probe's answer.
     *
     * @param up     whether it answered, and healthy, within the timeout
     * @param took   how long it ran (the timeout when it did not end)
     * @param detail "ok", "timed out", or the failure (for logs; no credential, no class name of the caller)
     */
    public record Probe(boolean up, Duration took, String detail) {

        /**
         * Validates.
         *
         * @param up     whether it answered, and healthy, within the timeout
         * @param took   how long it ran
         * @param detail "ok", "timed out", or the failure
         * @throws NullPointerException when a value is null
         */
        public Probe {
            Objects.requireNonNull(took, "took");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Copies the probes, keeping their order.
     *
     * @param probes             by name
     * @param pendingRevocations revocations held on this node
     * @throws NullPointerException when {@code probes} is null
     */
    public EngineHealth {
        probes = Collections.unmodifiableMap(new LinkedHashMap<>(probes));
    }

    /**
     * Whether every probe is up. Pending revocations alone do not make an engine down: they are
     * held and retried, and reach zero once the stores take them.
     *
     * @return true when every store answered
     */
    public boolean up() {
        return probes.values().stream().allMatch(Probe::up);
    }
}
