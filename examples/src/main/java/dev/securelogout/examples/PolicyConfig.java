package dev.securelogout.examples;

import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.servlet.TrustedProxies;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The session policy of one node: how many sessions a user may hold, how recent an authentication
 * a sensitive change needs, and which reverse proxies' forwarding headers are believed. Every
 * node sharing a store should run the same policy. Immutable.
 *
 * @param sessionLimit           {@code MAX_SESSIONS_PER_USER} and {@code SESSION_LIMIT_POLICY}
 * @param reauthenticationWindow {@code REAUTH_WINDOW}: one second to {@link #MAX_REAUTH_WINDOW}
 * @param trustedProxies         {@code TRUSTED_PROXIES}
 */
public record PolicyConfig(SessionLimit sessionLimit, Duration reauthenticationWindow, TrustedProxies trustedProxies) {

    /** The re-authentication window when {@code REAUTH_WINDOW} is unset. */
    public static final Duration DEFAULT_REAUTH_WINDOW = Duration.ofMinutes(5);
    /** The longest re-authentication window accepted. */
    public static final Duration MAX_REAUTH_WINDOW = Duration.ofDays(1);

    /**
     * Checks the values.
     *
     * @param sessionLimit           the session limit
     * @param reauthenticationWindow the re-authentication window
     * @param trustedProxies         the trusted proxies
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public PolicyConfig {
        Objects.requireNonNull(sessionLimit, "sessionLimit");
        Objects.requireNonNull(reauthenticationWindow, "reauthenticationWindow");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        if (reauthenticationWindow.compareTo(Duration.ofSeconds(1)) < 0 || reauthenticationWindow.compareTo(MAX_REAUTH_WINDOW) > 0) {
            throw new IllegalArgumentException("REAUTH_WINDOW must be 1 to " + MAX_REAUTH_WINDOW.toSeconds() + " seconds");
        }
    }

    /**
     * No session limit, a five-minute re-authentication window, no trusted proxy.
     *
     * @return the policy when no variable is set
     */
    public static PolicyConfig defaults() {
        return new PolicyConfig(SessionLimit.NONE, DEFAULT_REAUTH_WINDOW, TrustedProxies.NONE);
    }

    /**
     * Reads {@code MAX_SESSIONS_PER_USER} (unset: no limit), {@code SESSION_LIMIT_POLICY}
     * ({@code evict-oldest}, the default, or {@code refuse}), {@code REAUTH_WINDOW} (seconds,
     * default 300) and {@code TRUSTED_PROXIES} (comma-separated addresses or CIDR ranges, IPv4
     * or IPv6; unset: none) from {@code env}.
     *
     * @param env the environment
     * @return the policy
     * @throws IllegalArgumentException naming the variable that is wrong
     */
    public static PolicyConfig fromEnv(Map<String, String> env) {
        SessionLimit.OnExceed onExceed = switch (nonBlank(env.get("SESSION_LIMIT_POLICY")).orElse("evict-oldest").toLowerCase(Locale.ROOT)) {
            case "evict-oldest" -> SessionLimit.OnExceed.EVICT_LEAST_RECENTLY_ACTIVE;
            case "refuse" -> SessionLimit.OnExceed.REFUSE;
            default -> throw new IllegalArgumentException("SESSION_LIMIT_POLICY must be evict-oldest or refuse");
        };
        SessionLimit limit = SessionLimit.NONE;
        Optional<String> max = nonBlank(env.get("MAX_SESSIONS_PER_USER"));
        if (max.isPresent()) {
            try {
                limit = new SessionLimit(Integer.parseInt(max.get()), onExceed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("MAX_SESSIONS_PER_USER must be a whole number of at least 1", e);
            }
        }
        Duration window = DEFAULT_REAUTH_WINDOW;
        Optional<String> windowText = nonBlank(env.get("REAUTH_WINDOW"));
        if (windowText.isPresent()) {
            try {
                window = Duration.ofSeconds(Long.parseLong(windowText.get()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("REAUTH_WINDOW must be a number of seconds", e);
            }
        }
        TrustedProxies proxies;
        try {
            proxies = TrustedProxies.parse(env.getOrDefault("TRUSTED_PROXIES", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TRUSTED_PROXIES: " + e.getMessage(), e);
        }
        return new PolicyConfig(limit, window, proxies);
    }

    /** Without the proxies' addresses. */
    @Override
    public String toString() {
        return "PolicyConfig[maxSessions=" + (sessionLimit.maximum() == Integer.MAX_VALUE ? "none" : sessionLimit.maximum() + " "
                + sessionLimit.onExceed().name().toLowerCase(Locale.ROOT)) + ", reauthWindow=" + reauthenticationWindow.toSeconds()
                + "s, trustedProxies=" + (trustedProxies.isEmpty() ? "none" : "set") + "]";
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(s -> !s.isEmpty());
    }
}
