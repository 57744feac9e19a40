package dev.securelogout.core;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.token.AccessTokenClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocations that failed because a store was down: this node refuses what they cover at once,
 * and retries them until the store takes them (or until what they revoke has expired anyway).
 * So a logout during an outage still ends the session for good when the store returns, instead
 * of leaving a copied cookie valid until it times out. Other nodes learn of it only through the
 * store, when the retry succeeds.
 *
 * <p>Bounded: beyond {@value #MAX_PENDING} pending revocations a new one is logged and dropped.
 * Retries run at most once per retry interval, on the thread of whichever engine call comes
 * first, one thread at a time. Thread-safe; cheap when nothing is pending.
 */
final class PendingRevocations {

    /** The most revocations held at once. */
    static final int MAX_PENDING = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(PendingRevocations.class);

    /**
     * One failed revocation.
     *
     * @param step     the engine step that failed, for the log
     * @param until    after this instant, what it revokes has expired anyway
     * @param retry    does it (again): how many sessions or tokens it ended; throws while the store is down
     * @param sessions the sessions it refuses meanwhile
     * @param tokens   the refresh and remember-me tokens it refuses meanwhile
     * @param access   the access tokens it refuses meanwhile
     */
    record Pending(String step, Instant until, Supplier<Integer> retry, Predicate<Session> sessions,
                   Predicate<CredentialKey> tokens, Predicate<AccessTokenClaims> access) {
    }

    private final Clock clock;
    private final long retryIntervalMillis;
    private final List<Pending> pending = new CopyOnWriteArrayList<>();
    private final AtomicLong nextRetry = new AtomicLong();
    private final AtomicBoolean retrying = new AtomicBoolean();

    PendingRevocations(Clock clock, Duration retryInterval) {
        this.clock = clock;
        this.retryIntervalMillis = retryInterval.toMillis();
    }

    void add(Pending revocation) {
        if (pending.size() >= MAX_PENDING) {
            LOG.error("{} failed and cannot be retried: {} revocations already pending", revocation.step(), MAX_PENDING);
            return;
        }
        pending.add(revocation);
        nextRetry.set(clock.millis() + retryIntervalMillis);
    }

    boolean refuses(Session session) {
        return !pending.isEmpty() && pending.stream().anyMatch(p -> p.sessions().test(session));
    }

    boolean refuses(CredentialKey token) {
        return !pending.isEmpty() && pending.stream().anyMatch(p -> p.tokens().test(token));
    }

    boolean refuses(AccessTokenClaims claims) {
        return !pending.isEmpty() && pending.stream().anyMatch(p -> p.access().test(claims));
    }

    /**
     * Retries the pending revocations in order when the interval has passed; stops at the first
     * that fails again (the store is still down), so that an outage costs one failed call per
     * interval, not one per pending revocation.
     */
    void retryIfDue() {
        if (pending.isEmpty() || clock.millis() < nextRetry.get() || !retrying.compareAndSet(false, true)) {
            return;
        }
        try {
            Instant now = clock.instant();
            for (Pending p : pending) {
                if (!now.isBefore(p.until())) {
                    pending.remove(p);
                    continue;
                }
                try {
                    p.retry().get();
                    pending.remove(p);
                    LOG.info("pending revocation done: {}", p.step());
                } catch (RuntimeException e) {
                    LOG.debug("pending revocation still failing: {}: {}", p.step(), e.toString());
                    break;
                }
            }
            nextRetry.set(clock.millis() + retryIntervalMillis);
        } finally {
            retrying.set(false);
        }
    }

    /** How many revocations are pending. */
    int size() {
        return pending.size();
    }
}
