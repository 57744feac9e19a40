package dev.securelogout.core;

import dev.securelogout.core.spi.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of an engine's store outages, under the logger {@value #LOGGER_NAME}: one WARN when a
 * first store fails, a WARN summary at most every {@link #SUMMARY_INTERVAL} while any is down, one
 * INFO when every store that failed answers again; never a line per failed call. Stores that share
 * a server (four Redis stores) fail together and make one outage. A store is back only when it
 * answers its probe (a cheap read of a random key, which no cache can answer), tried every
 * {@link #PROBE_INTERVAL} on the engine's scheduler while it is down: an answer served from a
 * cache never ends an outage.
 *
 * <p>Thread-safe; a call that succeeded costs nothing here.
 */
final class StoreOutages {

    /** The logger the outage lines go to. */
    static final String LOGGER_NAME = "dev.securelogout.store";
    /** How often an outage that lasts is summarised. */
    static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);
    /** How often a store that is down is probed. */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Runnable> probes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    /** Guarded by this. */
    private boolean inOutage;
    /** When the outage under way started, and when it was last summarised: set as one starts. */
    private Instant since = Instant.EPOCH;
    private Instant summarised = Instant.EPOCH;
    private long summarisedFailures;

    /**
     * @param clock     the engine's clock, for durations and the summary interval
     * @param scheduler where the probes run
     */
    StoreOutages(Clock clock, ScheduledExecutorService scheduler) {
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Adds a store and its probe: a cheap read that throws {@link StoreException} while it cannot answer. */
    void register(String store, Runnable probe) {
        probes.put(store, probe);
        failures.put(store, new AtomicLong());
    }

    /** A call to {@code store} failed with {@code e}: starts an outage, or counts the failure in the one under way. */
    void failed(String store, StoreException e) {
        Objects.requireNonNull(failures.get(store), store).incrementAndGet();
        if (down.contains(store)) {
            return;
        }
        synchronized (this) {
            if (!down.add(store) || inOutage) {
                return;
            }
            inOutage = true;
            since = clock.instant();
            summarised = since;
            summarisedFailures = total() - 1;
        }
        LOG.warn("store {} unavailable: {}; checks answer UNAVAILABLE and revocations are held until the stores answer "
                + "again; failures are summarised every {} s", store, cause(e), SUMMARY_INTERVAL.toSeconds());
        schedule();
    }

    private void schedule() {
        try {
            scheduler.schedule(this::probe, PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.info("stores no longer probed: the engine is closed");
        }
    }

    /** Probes each store that is down; ends the outage when all answer, else summarises when due and probes again later. */
    private void probe() {
        @Nullable StoreException last = null;
        for (String store : down) {
            try {
                Objects.requireNonNull(probes.get(store), store).run();
                down.remove(store);
            } catch (StoreException e) {
                last = e;
            } catch (RuntimeException e) {
                // not the store's answer: a probe that cannot run says nothing of the store, which stays down
                LOG.debug("store {} probe failed: {}", store, e.toString());
            }
        }
        @Nullable String ended;
        synchronized (this) {
            if (!down.isEmpty()) {
                ended = null;
            } else {
                inOutage = false;
                ended = "stores answer again after " + Duration.between(since, clock.instant()).toSeconds()
                        + " s unavailable; calls failed meanwhile: " + drainCounts();
            }
        }
        if (ended != null) {
            LOG.info(ended);
            return;
        }
        if (last != null) {
            summariseIfDue(last);
        }
        schedule();
    }

    private void summariseIfDue(StoreException e) {
        Instant now = clock.instant();
        String line;
        synchronized (this) {
            if (Duration.between(summarised, now).compareTo(SUMMARY_INTERVAL) < 0) {
                return;
            }
            long total = total();
            line = "stores " + String.join(", ", new TreeSet<>(down)) + " still unavailable after " + Duration.between(since, now).toSeconds() + " s: "
                    + (total - summarisedFailures) + " calls failed since the previous line; " + cause(e);
            summarised = now;
            summarisedFailures = total;
        }
        LOG.warn(line);
    }

    private long total() {
        return failures.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** The failures by store since the outage started, those with none left out; counting starts again at zero. */
    private Map<String, Long> drainCounts() {
        Map<String, Long> counts = new TreeMap<>();
        failures.forEach((store, count) -> {
            long n = count.getAndSet(0);
            if (n > 0) {
                counts.put(store, n);
            }
        });
        return counts;
    }

    /** The failure and its first cause, as class names and messages (never a stack trace). */
    private static @Nullable String cause(StoreException e) {
        return e.getCause() == null ? e.getMessage() : e.getMessage() + " (" + e.getCause() + ")";
    }
}
