package dev.securelogout.core;

import dev.securelogout.core.monitor.EngineHealth;
import dev.securelogout.core.spi.StoreException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

/**
 * Runs the engine's health probes together, each on a daemon thread of its own, and waits for
 * them until one shared deadline: a store that hangs costs the caller the timeout, never more, and
 * its thread ends when the store's client gives up. Thread-safe.
 */
final class HealthProbes {

    private final Map<String, Runnable> probes;
    private final IntSupplier pending;

    /**
     * @param probes  by name, in the order the answer lists them
     * @param pending how many revocations are pending
     */
    HealthProbes(Map<String, Runnable> probes, IntSupplier pending) {
        this.probes = new LinkedHashMap<>(probes);
        this.pending = pending;
    }

    /** Runs every probe, waiting at most {@code timeout} in all. */
    EngineHealth run(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, CompletableFuture<EngineHealth.Probe>> running = new LinkedHashMap<>();
        probes.forEach((name, probe) -> running.put(name, CompletableFuture.supplyAsync(() -> timed(probe), HealthProbes::daemon)));
        Map<String, EngineHealth.Probe> answers = new LinkedHashMap<>();
        running.forEach((name, answer) -> answers.put(name, await(answer, deadline, timeout)));
        return new EngineHealth(answers, pending.getAsInt());
    }

    private static EngineHealth.Probe await(CompletableFuture<EngineHealth.Probe> answer, long deadline, Duration timeout) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new EngineHealth.Probe(false, timeout, "timed out");
        } catch (ExecutionException e) {
            return new EngineHealth.Probe(false, Duration.ZERO, "failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new EngineHealth.Probe(false, Duration.ZERO, "interrupted");
        }
    }

    private static EngineHealth.Probe timed(Runnable probe) {
        long start = System.nanoTime();
        try {
            probe.run();
            return new EngineHealth.Probe(true, Duration.ofNanos(System.nanoTime() - start), "ok");
        } catch (StoreException e) {
            return new EngineHealth.Probe(false, Duration.ofNanos(System.nanoTime() - start), String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            return new EngineHealth.Probe(false, Duration.ofNanos(System.nanoTime() - start),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "secure-logout-health");
        thread.setDaemon(true);
        thread.start();
    }
}
