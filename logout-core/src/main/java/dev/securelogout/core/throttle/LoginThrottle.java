package dev.securelogout.core.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.securelogout.core.internal.SetOnce;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Slows down password guessing: after a number of free failed logins, each further failure of an
 * account, or from a client address, blocks the next attempt for a delay that doubles up to a
 * bound. The app asks {@link #check} before it checks a password (a blocked attempt answers 429
 * with {@code Retry-After} and checks nothing), then reports {@link #failed} or
 * {@link #succeeded}.
 *
 * <p>Accounts that exist and that do not are counted alike, so the answers never tell which
 * exist; the caller must count an unknown account's failure exactly as a wrong password. Account
 * names are compared case-insensitively after trimming. A success forgets the account's failures,
 * not the address's (an attacker's own account must not reset its address). Failures are forgotten
 * {@code window} after the last one. State is per node and in memory, bounded in size (the oldest
 * keys go first), so an attacker spraying made-up names cannot exhaust memory; on several nodes
 * each node counts its own share, which multiplies the free failures by the number of nodes but
 * keeps the doubling.
 *
 * <p>Thread-safe. Defaults: 5 free failures per account and 30 per address, then 1 s doubling up to
 * 5 minutes per account and 15 minutes per address, forgotten after 15 minutes.
 */
public final class LoginThrottle {

    /** Longest account name kept as a key; longer names share a key with their first characters. */
    static final int MAX_ACCOUNT = 256;

    private final Clock clock;
    private final Limit accounts;
    private final Limit addresses;
    private final Duration window;
    private final Cache<String, Failures> byAccount;
    private final Cache<String, Failures> byAddress;

    private LoginThrottle(Builder b) {
        this.clock = b.clock;
        this.accounts = b.accounts;
        this.addresses = b.addresses;
        this.window = b.window;
        this.byAccount = cache(b);
        this.byAddress = cache(b);
    }

    private static Cache<String, Failures> cache(Builder b) {
        Clock clock = b.clock;
        return Caffeine.newBuilder().ticker(() -> clock.millis() * 1_000_000L)
                .expireAfterWrite(b.window.plus(b.accounts.maxDelay.compareTo(b.addresses.maxDelay) > 0
                        ? b.accounts.maxDelay : b.addresses.maxDelay))
                .maximumSize(b.maxKeys).build();
    }

    /**
     * A throttle with the defaults, on the system clock.
     *
     * @return a throttle with the defaults, on the system clock
     */
    public static LoginThrottle defaults() {
        return builder().build();
    }

    /**
     * A builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether a login of {@code account} from {@code address} may be tried now.
     *
     * @param account the account name as the client gave it (null when it gave none)
     * @param address the client address (null when unknown)
     * @return empty when it may; otherwise how long to wait (at least one second), for
     *         {@code Retry-After}
     */
    public Optional<Duration> check(@Nullable String account, @Nullable String address) {
        Instant now = clock.instant();
        Duration wait = max(waitOf(byAccount.getIfPresent(accountKey(account)), now),
                waitOf(byAddress.getIfPresent(addressKey(address)), now));
        return wait.isZero() ? Optional.empty() : Optional.of(roundUpToSeconds(wait));
    }

    /**
     * Records a failed login of {@code account} (existing or not) from {@code address}.
     *
     * @param account the account name as the client gave it (null when it gave none)
     * @param address the client address (null when unknown)
     */
    public void failed(@Nullable String account, @Nullable String address) {
        Instant now = clock.instant();
        byAccount.asMap().compute(accountKey(account), (k, f) -> next(f, now, accounts));
        byAddress.asMap().compute(addressKey(address), (k, f) -> next(f, now, addresses));
    }

    /**
     * Records a successful login: the account's failures are forgotten, the address's are kept.
     *
     * @param account the account name as the client gave it (null when it gave none)
     * @param address the client address (null when unknown)
     */
    public void succeeded(@Nullable String account, @Nullable String address) {
        byAccount.invalidate(accountKey(account));
    }

    private Failures next(Failures previous, Instant now, Limit limit) {
        int count = previous == null || previous.last.plus(window).isBefore(now) ? 1 : previous.count + 1;
        int excess = count - limit.free;
        Instant blockedUntil = excess <= 0 ? now : now.plus(limit.delay(excess));
        return new Failures(count, now, blockedUntil);
    }

    private static Duration waitOf(@Nullable Failures failures, Instant now) {
        if (failures == null || !failures.blockedUntil.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, failures.blockedUntil);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration roundUpToSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    private static String accountKey(@Nullable String account) {
        String key = account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
        return key.length() > MAX_ACCOUNT ? key.substring(0, MAX_ACCOUNT) : key;
    }

    private static String addressKey(@Nullable String address) {
        return address == null ? "" : address;
    }

    /** Failures of one key: how many in the window, the last one, and until when attempts are blocked. */
    private record Failures(int count, Instant last, Instant blockedUntil) {
    }

    /** Free failures, then a delay that starts at {@code firstDelay} and doubles up to {@code maxDelay}. */
    private record Limit(int free, Duration firstDelay, Duration maxDelay) {
        Duration delay(int excess) {
            int doublings = Math.min(excess - 1, 30);
            Duration delay = firstDelay.multipliedBy(1L << doublings);
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }

    /** Settings of a {@link LoginThrottle}; every one has a default and is given at most once. Not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Limit accounts = new Limit(5, Duration.ofSeconds(1), Duration.ofMinutes(5));
        private Limit addresses = new Limit(30, Duration.ofSeconds(1), Duration.ofMinutes(15));
        private Duration window = Duration.ofMinutes(15);
        private long maxKeys = 100_000;
        private final SetOnce once = new SetOnce();

        private Builder() {
        }

        /**
         * The clock of every decision (the engine's, or a test clock).
         *
         * @param value the clock of every decision
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = once.set("clock", value);
            return this;
        }

        /**
         * Per account: {@code free} failures, then a delay from {@code firstDelay} doubling up to
         * {@code maxDelay}. Keep {@code maxDelay} short: an attacker can hold a known user out this long.
         *
         * @param free the free
         * @param firstDelay the first delay
         * @param maxDelay the max delay
         * @return this builder
         */
        public Builder perAccount(int free, Duration firstDelay, Duration maxDelay) {
            once.mark("perAccount");
            this.accounts = limit(free, firstDelay, maxDelay);
            return this;
        }

        /**
         * Per client address: {@code free} failures, then a delay from {@code firstDelay} doubling up to {@code maxDelay}.
         *
         * @param free the free
         * @param firstDelay the first delay
         * @param maxDelay the max delay
         * @return this builder
         */
        public Builder perAddress(int free, Duration firstDelay, Duration maxDelay) {
            once.mark("perAddress");
            this.addresses = limit(free, firstDelay, maxDelay);
            return this;
        }

        /**
         * How long after the last failure a key's failures are forgotten.
         *
         * @param value how long after the last failure a key's failures are forgotten
         * @return this builder
         */
        public Builder window(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("window must be positive, got " + value);
            }
            this.window = once.set("window", value);
            return this;
        }

        /**
         * How many accounts and addresses are remembered each, at most (the oldest go first).
         *
         * @param value how many accounts and addresses are remembered each, at most
         * @return this builder
         */
        public Builder maxKeys(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxKeys must be positive, got " + value);
            }
            once.mark("maxKeys");
            this.maxKeys = value;
            return this;
        }

        /**
         * The throttle.
         *
         * @return the throttle
         */
        public LoginThrottle build() {
            return new LoginThrottle(this);
        }

        private static Limit limit(int free, Duration firstDelay, Duration maxDelay) {
            if (free < 0 || firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException("need free >= 0 and 0 < firstDelay <= maxDelay, got "
                        + free + ", " + firstDelay + ", " + maxDelay);
            }
            return new Limit(free, firstDelay, maxDelay);
        }
    }
}
