package dev.securelogout.servlet;

import dev.securelogout.core.ClientInstructions;
import dev.securelogout.core.internal.SetOnce;
import jakarta.servlet.FilterConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How the servlet filters of this module behave. Built once, programmatically with
 * {@link #builder()} or from a filter's init-params with {@link #fromInitParameters}; immutable and
 * thread-safe. Every path is relative to the servlet context (the context path is prepended when
 * redirecting) and must be a same-site path: it starts with one {@code /} and holds printable
 * ASCII only. Where the browser goes after logout is the engine's
 * {@code LogoutEngine.Builder#logoutRedirect}, not a setting here.
 *
 * <table class="striped">
 * <caption>Init-params (the same for every filter of this module; each filter reads the ones it needs)</caption>
 * <thead><tr><th>init-param</th><th>builder</th><th>default</th><th>meaning</th></tr></thead>
 * <tbody>
 * <tr><td>{@code logout-path}</td><td>{@code logoutPath}</td><td>{@code /logout}</td>
 *     <td>the one path the logout filter answers ({@code POST}); it passes every other request on</td></tr>
 * <tr><td>{@code revocation-path}</td><td>{@code revocationPath}</td><td>{@code /oauth/revoke}</td>
 *     <td>the one path the RFC 7009 revocation filter answers; it passes every other request on</td></tr>
 * <tr><td>{@code login-path}</td><td>{@code loginPath}</td><td>{@code /login}</td>
 *     <td>where the session guard sends a browser whose session is not valid (303); the guards
 *     never guard it, nor the logout and revocation paths, whatever they are mapped to</td></tr>
 * <tr><td>{@code account-page}</td><td>{@code accountPage}</td><td>{@code /}</td>
 *     <td>where a browser goes (303) after a change that keeps it signed in: revoking another
 *     session, logging out everywhere else</td></tr>
 * <tr><td>{@code sessions-path}</td><td>{@code sessionsPath}</td><td>{@code /account/sessions}</td>
 *     <td>{@code GET}: the user's sessions as JSON; {@code POST <sessions-path>/<handle>/revoke}
 *     ends one of them</td></tr>
 * <tr><td>{@code logout-everywhere-path}</td><td>{@code logoutEverywherePath}</td>
 *     <td>{@code /account/logout-everywhere}</td>
 *     <td>{@code POST}: ends every session of the user; parameter {@code keepCurrent=true|false},
 *     false by default</td></tr>
 * <tr><td>{@code allowed-origins}</td><td>{@code allowedOrigins}</td><td>none</td>
 *     <td>comma-separated origins ({@code https://app.example.com}) that may send state-changing
 *     requests besides the request's own {@code scheme://host:port}; needed behind a
 *     TLS-terminating proxy that does not forward the scheme, and the only way a
 *     {@code Sec-Fetch-Site: same-site} request is admitted</td></tr>
 * <tr><td>{@code api-paths}</td><td>{@code apiPaths}</td><td>none</td>
 *     <td>comma-separated path prefixes ({@code /api/}) whose clients always get API answers (401,
 *     204) instead of redirects; elsewhere a client is an API client when its {@code Accept}
 *     names {@code application/json} or a {@code +json} type</td></tr>
 * <tr><td>{@code retry-after}</td><td>{@code retryAfter}</td><td>{@code 5} (seconds)</td>
 *     <td>the {@code Retry-After} of a 503 when a store cannot answer</td></tr>
 * <tr><td>{@code remember-me}</td><td>{@code rememberMe}</td><td>{@code false}</td>
 *     <td>whether the session guard starts a new session from a valid remember-me cookie when the
 *     session is not valid (rotating the remember-me token)</td></tr>
 * </tbody>
 * </table>
 *
 * <p>An unknown init-param, a malformed origin or path is refused at start-up with an
 * {@link IllegalArgumentException} naming the setting, so a typo never silently weakens a rule.
 * Two of the login, logout, revocation, sessions and logout-everywhere paths that are the same
 * path are refused with an {@link IllegalStateException} naming both.
 *
 * @param loginPath            where the guard sends browsers whose session is not valid
 * @param accountPage          where browsers go after a change that keeps them signed in
 * @param sessionsPath         the session list; revocation below it
 * @param logoutEverywherePath the logout-everywhere endpoint
 * @param allowedOrigins       normalised origins admitted besides the request's own
 * @param apiPaths             path prefixes whose clients are API clients
 * @param retryAfter           the Retry-After of a 503, whole seconds
 * @param rememberMe           whether the guard restores sessions from remember-me cookies
 * @param logoutPath           the logout endpoint
 * @param revocationPath       the RFC 7009 revocation endpoint
 */
public record LogoutConfig(String loginPath, String accountPage, String sessionsPath, String logoutEverywherePath,
                           Set<String> allowedOrigins, List<String> apiPaths, Duration retryAfter,
                           boolean rememberMe, String logoutPath, String revocationPath) {

    /** Names of the init-params, as in the table above. */
    public static final List<String> INIT_PARAMETERS = List.of("login-path", "account-page", "sessions-path",
            "logout-everywhere-path", "allowed-origins", "api-paths", "retry-after", "remember-me", "logout-path", "revocation-path");

    /**
     * Validates every path and origin; copies the collections.
     *
     * @param loginPath the login path
     * @param accountPage the account page
     * @param sessionsPath the sessions path
     * @param logoutEverywherePath the logout everywhere path
     * @param allowedOrigins the allowed origins
     * @param apiPaths the api paths
     * @param retryAfter the retry after
     * @param rememberMe the remember me
     * @param logoutPath the logout path
     * @param revocationPath the revocation path
     */
    public LogoutConfig {
        path("loginPath", loginPath);
        path("accountPage", accountPage);
        path("sessionsPath", sessionsPath);
        path("logoutEverywherePath", logoutEverywherePath);
        path("logoutPath", logoutPath);
        path("revocationPath", revocationPath);
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : allowedOrigins) {
            origins.add(normalizeOrigin(origin).orElseThrow(() ->
                    new IllegalArgumentException("allowedOrigins: not an http(s) origin such as https://app.example.com: " + origin)));
        }
        allowedOrigins = Collections.unmodifiableSet(origins);
        apiPaths.forEach(p -> path("apiPaths", p));
        apiPaths = List.copyOf(apiPaths);
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException("retryAfter must be at least one second");
        }
    }

    /**
     * The defaults of the table above.
     *
     * @return the defaults of the table above
     */
    public static LogoutConfig defaults() {
        return builder().build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The configuration from {@code filterConfig}'s init-params, the defaults where absent.
     *
     * @param filterConfig the filter config
     * @return the configuration from {@code filterConfig}'s init-params, the defaults where absent
     * @throws IllegalArgumentException naming an unknown init-param or an invalid value
     * @throws IllegalStateException naming two endpoints given the same path
     */
    public static LogoutConfig fromInitParameters(FilterConfig filterConfig) {
        for (String name : Collections.list(filterConfig.getInitParameterNames())) {
            if (!INIT_PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("unknown init-param " + name + "; known: " + INIT_PARAMETERS);
            }
        }
        return fromParameters(filterConfig::getInitParameter);
    }

    /** The configuration from named parameters ({@code null} for absent), the defaults where absent. */
    static LogoutConfig fromParameters(UnaryOperator<String> parameters) {
        Builder b = builder();
        param(parameters, "login-path").ifPresent(b::loginPath);
        param(parameters, "account-page").ifPresent(b::accountPage);
        param(parameters, "sessions-path").ifPresent(b::sessionsPath);
        param(parameters, "logout-everywhere-path").ifPresent(b::logoutEverywherePath);
        param(parameters, "allowed-origins").ifPresent(v -> b.allowedOrigins(list(v)));
        param(parameters, "api-paths").ifPresent(v -> b.apiPaths(list(v)));
        param(parameters, "retry-after").ifPresent(v -> {
            try {
                b.retryAfter(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("retry-after must be a number of seconds: " + v, e);
            }
        });
        param(parameters, "remember-me").ifPresent(v -> b.rememberMe(bool("remember-me", v)));
        param(parameters, "logout-path").ifPresent(b::logoutPath);
        param(parameters, "revocation-path").ifPresent(b::revocationPath);
        return b.build();
    }

    /**
     * {@code origin} as {@code scheme://host[:port]}, lower case, the default port left out; empty
     * for anything that is not an http(s) origin ({@code null}, a path, user info, the opaque
     * {@code "null"} origin).
     */
    static Optional<String> normalizeOrigin(String origin) {
        if (origin == null || origin.length() > 512) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(origin.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the guards leave {@code path} alone: the login page (guarding it would loop) and the
     * endpoints that must answer without a valid session or token (logout, revocation).
     */
    boolean unguarded(String path) {
        return path.equals(loginPath) || path.equals(logoutPath) || path.equals(revocationPath);
    }

    private static void path(String name, String value) {
        if (!ClientInstructions.isSameSitePath(value)) {
            throw new IllegalArgumentException(name + " must be a same-site path such as /login: " + value);
        }
    }

    private static Optional<String> param(UnaryOperator<String> parameters, String name) {
        return Optional.ofNullable(parameters.apply(name)).map(String::strip);
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                out.add(item.strip());
            }
        }
        return out;
    }

    private static boolean bool(String name, String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(name + " must be true or false: " + value);
    }

    /**
     * Builds a {@link LogoutConfig}, starting from the defaults; each setting is given at most once (a second
     * call throws {@link IllegalStateException}), validated by {@link #build()}. Not thread-safe.
     */
    public static final class Builder {
        private String loginPath = "/login";
        private String accountPage = "/";
        private String sessionsPath = "/account/sessions";
        private String logoutEverywherePath = "/account/logout-everywhere";
        private List<String> allowedOrigins = List.of();
        private List<String> apiPaths = List.of();
        private Duration retryAfter = Duration.ofSeconds(5);
        private boolean rememberMe;
        private String logoutPath = "/logout";
        private String revocationPath = "/oauth/revoke";
        private final SetOnce once = new SetOnce();

        private Builder() {
        }

        /**
         * Where the guard sends browsers whose session is not valid; {@code /login} by default.
         *
         * @param value where the guard sends browsers whose session is not valid
         * @return this builder
         */
        public Builder loginPath(String value) {
            this.loginPath = once.set("loginPath", value);
            return this;
        }

        /**
         * Where browsers go after a change that keeps them signed in; {@code /} by default.
         *
         * @param value where browsers go after a change that keeps them signed in
         * @return this builder
         */
        public Builder accountPage(String value) {
            this.accountPage = once.set("accountPage", value);
            return this;
        }

        /**
         * The session list, with revocation below it; {@code /account/sessions} by default.
         *
         * @param value the session list, with revocation below it
         * @return this builder
         */
        public Builder sessionsPath(String value) {
            this.sessionsPath = once.set("sessionsPath", value);
            return this;
        }

        /**
         * The logout-everywhere endpoint; {@code /account/logout-everywhere} by default.
         *
         * @param value the logout-everywhere endpoint
         * @return this builder
         */
        public Builder logoutEverywherePath(String value) {
            this.logoutEverywherePath = once.set("logoutEverywherePath", value);
            return this;
        }

        /**
         * Origins admitted besides the request's own; none by default.
         *
         * @param values origins admitted besides the request's own
         * @return this builder
         */
        public Builder allowedOrigins(List<String> values) {
            this.allowedOrigins = List.copyOf(once.set("allowedOrigins", values));
            return this;
        }

        /**
         * Path prefixes whose clients are always API clients; none by default.
         *
         * @param values path prefixes whose clients are always API clients
         * @return this builder
         */
        public Builder apiPaths(List<String> values) {
            this.apiPaths = List.copyOf(once.set("apiPaths", values));
            return this;
        }

        /**
         * The Retry-After of a 503; five seconds by default.
         *
         * @param value the Retry-After of a 503
         * @return this builder
         */
        public Builder retryAfter(Duration value) {
            this.retryAfter = once.set("retryAfter", value);
            return this;
        }

        /**
         * Whether the guard restores sessions from remember-me cookies; false by default.
         *
         * @param value whether the guard restores sessions from remember-me cookies
         * @return this builder
         */
        public Builder rememberMe(boolean value) {
            once.mark("rememberMe");
            this.rememberMe = value;
            return this;
        }

        /**
         * The one path the logout filter answers; {@code /logout} by default.
         *
         * @param value the one path the logout filter answers
         * @return this builder
         */
        public Builder logoutPath(String value) {
            this.logoutPath = once.set("logoutPath", value);
            return this;
        }

        /**
         * The one path the RFC 7009 revocation filter answers; {@code /oauth/revoke} by default.
         *
         * @param value the one path the RFC 7009 revocation filter answers
         * @return this builder
         */
        public Builder revocationPath(String value) {
            this.revocationPath = once.set("revocationPath", value);
            return this;
        }

        /**
         * The validated configuration.
         *
         * @return the validated configuration
         * @throws IllegalArgumentException naming the setting that is invalid
         * @throws IllegalStateException naming two endpoints given the same path
         */
        public LogoutConfig build() {
            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoint(endpoints, "loginPath", loginPath);
            endpoint(endpoints, "logoutPath", logoutPath);
            endpoint(endpoints, "revocationPath", revocationPath);
            endpoint(endpoints, "sessionsPath", sessionsPath);
            endpoint(endpoints, "logoutEverywherePath", logoutEverywherePath);
            return new LogoutConfig(loginPath, accountPage, sessionsPath, logoutEverywherePath,
                    new LinkedHashSet<>(allowedOrigins), apiPaths, retryAfter, rememberMe, logoutPath, revocationPath);
        }

        /** Records that {@code name} answers at {@code path}: one endpoint per path, else one of them never answers. */
        private static void endpoint(Map<String, String> endpoints, String name, String path) {
            String other = endpoints.putIfAbsent(path, name);
            if (other != null) {
                throw new IllegalStateException(other + " and " + name + " are both " + path);
            }
        }
    }
}
