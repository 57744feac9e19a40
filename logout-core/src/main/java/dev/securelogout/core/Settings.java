package dev.securelogout.core;

import dev.securelogout.core.cookie.CookieSpec;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.monitor.EngineMonitor;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.LogoutListener;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.core.token.AccessTokenClaims;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The engine's configuration, validated and built once from a {@link LogoutEngine.Builder}: the
 * stores behind their {@link PendingRevocations} decorators, the cookies, the client
 * instructions, the lifetimes. Immutable; shared by the engine's parts.
 */
record Settings(SessionStore sessions, PersistentTokenStore tokens, AccessTokenDenylist denylist,
                TokenVersionStore versions, SessionNotifier notifier, List<LogoutListener> listeners,
                ClientCleanup cleanup, CookieSpec sessionCookie, CookieSpec rememberMeCookie, Clock clock, Hmac hmac,
                SecureRandom random, Duration idleTimeout, Duration absoluteTimeout, Duration touchInterval,
                Duration refreshTokenTimeToLive, Duration refreshFamilyLifetime, Duration refreshGraceWindow,
                Duration rememberMeLifetime, Set<SecurityEvent> keepCurrentOn, PendingRevocations pending,
                Optional<ScheduledExecutorService> ownScheduler, Optional<Predicate<AccessTokenClaims>> accessTokenCheck,
                Duration accessTokenLifetime, SessionLimit sessionLimit, Duration reauthenticationWindow,
                EngineMonitor monitor, Map<String, Runnable> probes) {

    /**
     * Validates {@code b} and builds the settings.
     *
     * @throws IllegalStateException naming the setting that is missing or out of range
     */
    static Settings of(LogoutEngine.Builder b) {
        boolean anyStore = b.sessionStore != null || b.persistentTokenStore != null || b.accessTokenDenylist != null
                || b.tokenVersionStore != null;
        if (b.inMemory && anyStore) {
            throw new IllegalStateException("inMemory() cannot be combined with a store");
        }
        Clock clock = b.clock;
        SessionStore sessionStore = b.inMemory ? InMemoryStores.sessionStore(clock) : required("sessionStore", b.sessionStore);
        PersistentTokenStore tokenStore = b.inMemory ? InMemoryStores.persistentTokenStore(clock)
                : required("persistentTokenStore", b.persistentTokenStore);
        AccessTokenDenylist denylist = b.inMemory ? InMemoryStores.accessTokenDenylist(clock)
                : required("accessTokenDenylist", b.accessTokenDenylist);
        TokenVersionStore versions = b.inMemory ? InMemoryStores.tokenVersionStore() : required("tokenVersionStore", b.tokenVersionStore);
        positive("idleTimeout", b.idleTimeout);
        positive("absoluteTimeout", b.absoluteTimeout);
        positive("touchInterval", b.touchInterval);
        positive("refreshTokenTimeToLive", b.refreshTokenTimeToLive);
        positive("refreshFamilyLifetime", b.refreshFamilyLifetime);
        positive("rememberMeLifetime", b.rememberMeLifetime);
        positive("pendingRevocationMaxAge", b.pendingRevocationMaxAge);
        positive("accessTokenLifetime", b.accessTokenLifetime);
        positive("reauthenticationWindow", b.reauthenticationWindow);
        if (b.touchInterval.compareTo(b.idleTimeout) >= 0) {
            throw new IllegalStateException("touchInterval must be shorter than idleTimeout");
        }
        if (b.refreshGraceWindow.isNegative() || b.refreshGraceWindow.compareTo(b.refreshTokenTimeToLive) >= 0) {
            throw new IllegalStateException("refreshGraceWindow must be zero or more and shorter than refreshTokenTimeToLive");
        }
        if (!ClientInstructions.isSameSitePath(b.logoutRedirect)) {
            throw new IllegalStateException("logoutRedirect must be a same-site path such as /login");
        }
        if (b.inMemory && b.accessTokenCheck != null) {
            throw new IllegalStateException("accessTokenCheck belongs to the configured stores and cannot be combined with inMemory()");
        }
        if (b.cookieClearer != null && (!b.alsoClear.isEmpty() || b.hostOnlyTwins || !b.formerDomains.isEmpty())) {
            throw new IllegalStateException("cookieClearer cannot be combined with alsoClear, clearHostOnlyTwins or clearFormerDomains");
        }
        if (b.hmac == null && !b.inMemory) {
            LoggerFactory.getLogger(LogoutEngine.class).warn("no secretKey given: a random one was generated, so nodes that share "
                    + "these stores disagree on credential partitions, audit digests and token rotation; give every node the same key with secretKey(...)");
        }
        Hmac hmac = b.hmac != null ? b.hmac : Hmac.random(b.random);
        ScheduledExecutorService scheduler = b.scheduler != null ? b.scheduler : daemonScheduler();
        Optional<ScheduledExecutorService> own = b.scheduler == null ? Optional.of(scheduler) : Optional.empty();
        Duration tokenLifetime = b.refreshFamilyLifetime.compareTo(b.rememberMeLifetime) > 0
                ? b.refreshFamilyLifetime : b.rememberMeLifetime;
        PendingRevocations pending = new PendingRevocations(clock, PendingRevocations.MAX_PENDING, scheduler, b.pendingRevocationMaxAge,
                b.absoluteTimeout, tokenLifetime, b.monitor);
        ObservedStores observed = new ObservedStores(b.monitor, clock, scheduler, b.random);
        ClientCleanup cleanup = new ClientCleanup(b.sessionCookie, b.rememberMeCookie, b.alsoClear, b.hostOnlyTwins,
                b.formerDomains, Optional.ofNullable(b.cookieClearer), b.clearSiteData, b.logoutRedirect);
        return new Settings(
                pending.sessions(observed.sessions(sessionStore)), pending.tokens(observed.tokens(tokenStore)),
                pending.denylist(observed.denylist(denylist)), pending.versions(observed.versions(versions)),
                b.notifier, List.copyOf(b.listeners), cleanup, b.sessionCookie, b.rememberMeCookie, clock, hmac, b.random,
                b.idleTimeout, b.absoluteTimeout, b.touchInterval, b.refreshTokenTimeToLive, b.refreshFamilyLifetime,
                b.refreshGraceWindow, b.rememberMeLifetime,
                b.keepCurrentOn.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(b.keepCurrentOn)), pending, own,
                Optional.ofNullable(b.accessTokenCheck).map(observed::accessTokenCheck), b.accessTokenLifetime, b.sessionLimit,
                b.reauthenticationWindow, b.monitor, probes(observed, b));
    }

    /** The stores' probes, then the added ones. */
    private static Map<String, Runnable> probes(ObservedStores observed, LogoutEngine.Builder b) {
        Map<String, Runnable> probes = new LinkedHashMap<>(observed.probes());
        b.healthProbes.forEach((name, probe) -> probes.put(name, probe::probe));
        return Collections.unmodifiableMap(probes);
    }

    /** The engine's own retry thread: one daemon thread, so that it never holds the JVM open. */
    private static ScheduledExecutorService daemonScheduler() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "secure-logout-pending-revocations");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static <T> T required(String name, @Nullable T value) {
        if (value == null) {
            throw new IllegalStateException(name + " is required (or inMemory() for one node)");
        }
        return value;
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException(name + " must be positive");
        }
    }
}
