package dev.securelogout.core.monitor;

import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutScope;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Where an engine reports what an operator measures; set with
 * {@link dev.securelogout.core.LogoutEngine.Builder#monitor}, and on a Redis near cache with its
 * builder's {@code monitor}. Every method does nothing by default, so an implementation overrides
 * what it records and keeps working when methods are added.
 *
 * <p>Called on the request path, from any thread: implementations must be thread-safe, fast (no
 * I/O, no lock held across calls) and must not throw.
 */
public interface EngineMonitor {

    /** Every call of a store operation is timed up to this many; see {@link #storeCalls}. */
    int STORE_CALLS_TIMED = 1024;
    /** Beyond {@link #STORE_CALLS_TIMED}, one call of a store operation in this many is timed. */
    int STORE_CALL_SAMPLE = 128;
    /** One near-cache hit in this many reports its age (see {@link #nearCacheStaleness}). */
    int STALENESS_SAMPLE = 256;

    /** Records nothing: the engine's default. */
    EngineMonitor NONE = new EngineMonitor() {
    };

    /**
     * Called once when the engine is built.
     *
     * @param count how many revocations are pending now, cheap to read at any time (a gauge)
     */
    default void pendingRevocations(IntSupplier count) {
    }

    /**
     * A logout ended (every logout, whatever its reason, including a detected token reuse).
     *
     * @param event what it did, as the listeners saw it
     */
    default void logout(LogoutEvent event) {
    }

    /**
     * Runs a logout the application asked for ({@code logout}, {@code logoutEverywhere}), so that
     * it can be observed as a span.
     *
     * @param <T>       the logout's outcome
     * @param scope     what it reaches
     * @param logout    the logout; call it exactly once
     * @param succeeded whether an outcome is a success
     * @return what {@code logout} returned
     */
    default <T> T observe(LogoutScope scope, Supplier<T> logout, Predicate<? super T> succeeded) {
        return logout.get();
    }

    /**
     * A per-request check answered.
     *
     * @param kind   which check
     * @param result its answer
     */
    default void check(CheckKind kind, CheckResult result) {
    }

    /**
     * A revocation a store could not take changed state.
     *
     * @param event what happened to it
     */
    default void revocation(RevocationEvent event) {
    }

    /**
     * Store calls ended. Timing every call would cost the per-request check more than the 5 % it
     * may, so calls are sampled: each of the first {@value #STORE_CALLS_TIMED} calls of a store
     * operation is timed and reported, then one in {@value #STORE_CALL_SAMPLE}, for itself and the
     * untimed calls before it ({@code calls}); every failed call is reported, timed when it fell in
     * a sample. Summing {@code calls} gives the number of calls (lagging by less than one sample,
     * exact for rare operations); summing {@code nanos * calls} estimates their total time without
     * bias.
     *
     * @param store     {@code sessions}, {@code persistentTokens}, {@code denylist} or {@code tokenVersions}
     * @param operation the store method, such as {@code find} or {@code revokeFamily}
     * @param outcome   how it ended
     * @param nanos     how long the timed call took; 0 for a failure outside a sample (not timed)
     * @param calls     how many calls this report stands for (1 for a failure)
     */
    default void storeCalls(String store, String operation, StoreOutcome outcome, long nanos, int calls) {
    }

    /**
     * A near cache answered from memory.
     *
     * @param cache {@code sessions}, {@code denylist} or {@code tokenVersions}
     */
    default void nearCacheHit(String cache) {
    }

    /**
     * The age of an answer a near cache served: how long ago it was read from the store, the
     * staleness it carries. Sampled: one hit in {@value #STALENESS_SAMPLE}.
     *
     * @param cache {@code sessions}, {@code denylist} or {@code tokenVersions}
     * @param age   the answer's age
     */
    default void nearCacheStaleness(String cache, Duration age) {
    }

    /**
     * A near cache asked the store.
     *
     * @param cache {@code sessions}, {@code denylist} or {@code tokenVersions}
     */
    default void nearCacheMiss(String cache) {
    }

    /**
     * A near cache dropped entries on an invalidation.
     *
     * @param kind {@code session}, {@code user}, {@code denied}, {@code epoch}, or {@code flush}
     *             (the subscription went down or came back)
     */
    default void nearCacheInvalidation(String kind) {
    }
}
