package dev.securelogout.micrometer;

import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.event.LogoutScope;
import dev.securelogout.core.monitor.CheckKind;
import dev.securelogout.core.monitor.CheckResult;
import dev.securelogout.core.monitor.EngineMonitor;
import dev.securelogout.core.monitor.RevocationEvent;
import dev.securelogout.core.monitor.StoreOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The engine's monitor over Micrometer: set it on the engine and on the Redis near cache, one
 * instance for both. Meter names and tags follow Micrometer's conventions (dot-separated lower-case
 * names, lower-case tag values), so each registry renders them its own way (Prometheus:
 * {@code securelogout_logouts_total}):
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags</th><th>What</th></tr>
 *   <tr><td>{@value #LOGOUTS}</td><td>counter</td><td>reason, scope, outcome (success, failed)</td><td>every logout, of every reason ({@code provider_logout}: an OIDC back-channel logout)</td></tr>
 *   <tr><td>{@value #REUSE}</td><td>counter</td><td></td><td>a spent refresh or remember-me token presented again: its family revoked</td></tr>
 *   <tr><td>{@value #CHECKS}</td><td>counter</td><td>kind (session, access_token), result (active, refused, unavailable)</td><td>per-request checks</td></tr>
 *   <tr><td>{@value #PENDING}</td><td>gauge</td><td></td><td>revocations held on this node until a store takes them</td></tr>
 *   <tr><td>{@value #REVOCATIONS}</td><td>counter</td><td>event (queued, retry_failed, retry_succeeded, expired, dropped)</td><td>what happened to pending revocations</td></tr>
 *   <tr><td>{@value #STORE_CALLS}</td><td>function timer</td><td>store, operation, outcome (success, unavailable, error)</td><td>store calls: their count, and their total time estimated from a timed sample (see {@link EngineMonitor#storeCalls})</td></tr>
 *   <tr><td>{@value #CACHE_GETS}</td><td>counter</td><td>cache, result (hit, miss)</td><td>near-cache lookups</td></tr>
 *   <tr><td>{@value #CACHE_STALENESS}</td><td>timer</td><td>cache</td><td>the age of answers served from the near cache (one hit in {@value EngineMonitor#STALENESS_SAMPLE})</td></tr>
 *   <tr><td>{@value #CACHE_INVALIDATIONS}</td><td>counter</td><td>kind (session, user, denied, epoch, flush)</td><td>invalidations the near cache received</td></tr>
 * </table>
 *
 * <p>With an {@link ObservationRegistry}, {@code logout} and {@code logoutEverywhere} run inside an
 * {@link Observation} named {@value #LOGOUT_OBSERVATION} (low-cardinality keys {@code scope} and
 * {@code outcome}), which tracing handlers turn into spans.
 *
 * <p>One instance per engine and registry: its meters count what it was told, so a second monitor
 * on the same registry would find its meters already registered by the first.
 *
 * <p>Thread-safe. On the per-request path (checks, near-cache lookups) the meters are function
 * counters over {@link LongAdder}s found without allocation; store calls are reported in samples.
 */
public final class MicrometerEngineMonitor implements EngineMonitor {

    /** Logouts by reason, scope and outcome. */
    public static final String LOGOUTS = "securelogout.logouts";
    /** Detected token reuses. */
    public static final String REUSE = "securelogout.reuse.detections";
    /** Per-request checks by kind and result. */
    public static final String CHECKS = "securelogout.checks";
    /** Pending revocations now. */
    public static final String PENDING = "securelogout.revocations.pending";
    /** Pending revocations' events. */
    public static final String REVOCATIONS = "securelogout.revocations";
    /** Store calls by store, operation and outcome. */
    public static final String STORE_CALLS = "securelogout.store.calls";
    /** Near-cache lookups by cache and result. */
    public static final String CACHE_GETS = "securelogout.nearcache.gets";
    /** The age of near-cache answers. */
    public static final String CACHE_STALENESS = "securelogout.nearcache.staleness";
    /** Invalidations received by the near cache. */
    public static final String CACHE_INVALIDATIONS = "securelogout.nearcache.invalidations";
    /** The observation around a logout. */
    public static final String LOGOUT_OBSERVATION = "securelogout.logout";

    private final MeterRegistry registry;
    private final ObservationRegistry observations;
    /** By kind and result ordinal: the check path increments one without a lookup. */
    private final LongAdder[][] checks = new LongAdder[CheckKind.values().length][CheckResult.values().length];
    private final Map<RevocationEvent, Counter> revocations = new EnumMap<>(RevocationEvent.class);
    private final Counter reuse;
    private final Map<StoreCall, CallTotals> storeCalls = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> staleness = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> hits = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> misses = new ConcurrentHashMap<>();

    /** A store call's tags. */
    private record StoreCall(String store, String operation, StoreOutcome outcome) {
    }

    /** The calls of one store call's tags and their total time, as reported (a strong reference for the meter). */
    private static final class CallTotals {
        final LongAdder count = new LongAdder();
        final DoubleAdder nanos = new DoubleAdder();
    }

    /**
     * Meters only: no observations.
     *
     * @param registry where the meters go
     */
    public MicrometerEngineMonitor(MeterRegistry registry) {
        this(registry, ObservationRegistry.NOOP);
    }

    /**
     * Meters, and observations around logouts.
     *
     * @param registry     where the meters go
     * @param observations where the logout observations go
     */
    public MicrometerEngineMonitor(MeterRegistry registry, ObservationRegistry observations) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.observations = Objects.requireNonNull(observations, "observations");
        for (CheckKind kind : CheckKind.values()) {
            for (CheckResult result : CheckResult.values()) {
                LongAdder count = new LongAdder();
                checks[kind.ordinal()][result.ordinal()] = count;
                FunctionCounter.builder(CHECKS, count, LongAdder::sum).description("per-request checks")
                        .tag("kind", tag(kind)).tag("result", tag(result)).register(registry);
            }
        }
        for (RevocationEvent event : RevocationEvent.values()) {
            revocations.put(event, Counter.builder(REVOCATIONS).description("what happened to revocations a store could not take")
                    .tag("event", tag(event)).register(registry));
        }
        reuse = Counter.builder(REUSE).description("spent tokens presented again: their family revoked").register(registry);
    }

    @Override
    public void pendingRevocations(IntSupplier count) {
        Gauge.builder(PENDING, count, IntSupplier::getAsInt).strongReference(true)
                .description("revocations held on this node until a store takes them").register(registry);
    }

    @Override
    public void logout(LogoutEvent event) {
        String key = event.reason() + "/" + event.scope() + "/" + event.succeeded();
        counters.computeIfAbsent(key, k -> Counter.builder(LOGOUTS).description("logouts")
                .tag("reason", tag(event.reason())).tag("scope", tag(event.scope()))
                .tag("outcome", event.succeeded() ? "success" : "failed").register(registry)).increment();
        if (event.reason() == LogoutReason.TOKEN_REUSE) {
            reuse.increment();
        }
    }

    @Override
    public <T> T observe(LogoutScope scope, Supplier<T> logout, Predicate<? super T> succeeded) {
        if (observations.isNoop()) {
            return logout.get();
        }
        Observation observation = Observation.createNotStarted(LOGOUT_OBSERVATION, observations)
                .contextualName(scope == LogoutScope.SESSION ? "logout" : "logout everywhere")
                .lowCardinalityKeyValue("scope", tag(scope))
                .start();
        Observation.Scope current = observation.openScope();
        try {
            T outcome = logout.get();
            observation.lowCardinalityKeyValue("outcome", succeeded.test(outcome) ? "success" : "failed");
            return outcome;
        } catch (RuntimeException e) {
            observation.error(e);
            throw e;
        } finally {
            current.close();
            observation.stop();
        }
    }

    @Override
    public void check(CheckKind kind, CheckResult result) {
        checks[kind.ordinal()][result.ordinal()].increment();
    }

    @Override
    public void revocation(RevocationEvent event) {
        Objects.requireNonNull(revocations.get(event), "every event has a counter").increment();
    }

    @Override
    public void storeCalls(String store, String operation, StoreOutcome outcome, long nanos, int calls) {
        StoreCall call = new StoreCall(store, operation, outcome);
        CallTotals totals = storeCalls.get(call);
        if (totals == null) {
            totals = storeCalls.computeIfAbsent(call, this::register);
        }
        totals.count.add(calls);
        totals.nanos.add((double) nanos * calls);
    }

    private CallTotals register(StoreCall call) {
        CallTotals totals = new CallTotals();
        FunctionTimer.builder(STORE_CALLS, totals, t -> t.count.sum(), t -> t.nanos.sum(), TimeUnit.NANOSECONDS)
                .description("store calls (the total time estimated from a timed sample)")
                .tag("store", call.store()).tag("operation", call.operation()).tag("outcome", tag(call.outcome()))
                .register(registry);
        return totals;
    }

    @Override
    public void nearCacheHit(String cache) {
        LongAdder count = hits.get(cache);
        (count != null ? count : hits.computeIfAbsent(cache, c -> gets(c, "hit"))).increment();
    }

    @Override
    public void nearCacheStaleness(String cache, Duration age) {
        staleness.computeIfAbsent(cache, c -> Timer.builder(CACHE_STALENESS)
                .description("the age of answers served from the near cache (a sample)").tag("cache", c).register(registry)).record(age);
    }

    @Override
    public void nearCacheMiss(String cache) {
        LongAdder count = misses.get(cache);
        (count != null ? count : misses.computeIfAbsent(cache, c -> gets(c, "miss"))).increment();
    }

    @Override
    public void nearCacheInvalidation(String kind) {
        counters.computeIfAbsent("invalidation/" + kind, k -> Counter.builder(CACHE_INVALIDATIONS)
                .description("invalidations the near cache received").tag("kind", kind).register(registry)).increment();
    }

    private LongAdder gets(String cache, String result) {
        LongAdder count = new LongAdder();
        FunctionCounter.builder(CACHE_GETS, count, LongAdder::sum).description("near-cache lookups")
                .tag("cache", cache).tag("result", result).register(registry);
        return count;
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
