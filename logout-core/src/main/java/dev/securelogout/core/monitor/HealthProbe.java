package dev.securelogout.core.monitor;

/**
 * One more thing {@link dev.securelogout.core.LogoutEngine#health()} checks beside the stores,
 * such as {@code RedisTokenVersionStore::checkEpoch}. It runs on a thread of its own, bounded by
 * the health call's timeout.
 */
@FunctionalInterface
public interface HealthProbe {

    /**
     * Checks, cheaply.
     *
     * @throws RuntimeException saying what is wrong, when it is not healthy
     */
    void probe();
}
