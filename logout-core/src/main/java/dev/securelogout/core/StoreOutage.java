package dev.securelogout.core;

import dev.securelogout.core.spi.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one store's outages, under the logger {@value #LOGGER_NAME}: one WARN when the first
 * call fails, a WARN summary at most every {@link #SUMMARY_INTERVAL} while it lasts, one INFO when
 * it ends; never a line per failed call. An outage ends only when the store answers a probe (a
 * cheap read of a random key, which no cache can answer), tried every {@link #PROBE_INTERVAL} on
 * the engine's scheduler while the store is down: an answer served from a cache never ends it.
 *
 * <p>Thread-safe; the path of a call that succeeded reads one volatile field.
 */
final class StoreOutage {

    /** The logger the outage lines go to. */
    static final String LOGGER_NAME = "dev.securelogout.store";
    /** How often an outage that lasts is summarised. */
    static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);
    /** How often a store that is down is probed. */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private final String store;
    private final Runnable probe;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean down;
    private Instant since;
    private Instant summarised;
    private long summarisedFailures;

    /**
     * @param store     the store's name, for the lines
     * @param probe     a cheap read that throws while the store cannot answer
     * @param clock     the engine's clock
     * @param scheduler where the probes run
     */
    StoreOutage(String store, Runnable probe, Clock clock, ScheduledExecutorService scheduler) {
        this.store = store;
        this.probe = probe;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Whether the store is in an outage now. */
    boolean isDown() {
        return down;
    }

    /** A call failed with {@code e}: starts an outage, or counts the failure in the one under way. */
    void failed(StoreException e) {
        failures.incrementAndGet();
        if (down) {
            return;
        }
        synchronized (this) {
            if (down) {
                return;
            }
            since = clock.instant();
            summarised = since;
            summarisedFailures = failures.get() - 1;
            down = true;
        }
        LOG.warn("store {} unavailable: {}; its checks answer UNAVAILABLE and its revocations are held until it answers "
                + "again; failures are summarised every {} s", store, cause(e), SUMMARY_INTERVAL.toSeconds());
        schedule();
    }

    private void schedule() {
        try {
            scheduler.schedule(this::probe, PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.info("store {}: no longer probed, the engine is closed", store);
        }
    }

    /** Probes the store: ends the outage when it answers, else summarises when due and probes again later. */
    void probe() {
        try {
            probe.run();
        } catch (StoreException e) {
            summariseIfDue(e);
            schedule();
            return;
        } catch (RuntimeException e) {
            // it answered, with something a read of a random key should not raise: the store is reachable
            LOG.debug("store {} probe: {}", store, e.toString());
        }
        end();
    }

    private void summariseIfDue(StoreException e) {
        Instant now = clock.instant();
        long failed;
        long duration;
        synchronized (this) {
            if (Duration.between(summarised, now).compareTo(SUMMARY_INTERVAL) < 0) {
                return;
            }
            failed = failures.get() - summarisedFailures;
            summarised = now;
            summarisedFailures = failures.get();
            duration = Duration.between(since, now).toSeconds();
        }
        LOG.warn("store {} still unavailable after {} s: {} calls failed since the previous line; {}", store, duration, failed,
                cause(e));
    }

    private void end() {
        long duration;
        long failed;
        synchronized (this) {
            if (!down) {
                return;
            }
            down = false;
            duration = Duration.between(since, clock.instant()).toSeconds();
            failed = failures.getAndSet(0);
        }
        LOG.info("store {} answers again after {} s unavailable; {} calls failed meanwhile", store, duration, failed);
    }

    /** The failure and its first cause, as class names and messages (never a stack trace). */
    private static String cause(StoreException e) {
        return e.getCause() == null ? e.getMessage() : e.getMessage() + " (" + e.getCause() + ")";
    }
}
