package dev.securelogout.spring.security;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.internal.SetOnce;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.spi.AccessTokenVerifier;
import dev.securelogout.servlet.AdapterSupport;
import dev.securelogout.servlet.BearerGuardFilter;
import dev.securelogout.servlet.CrossSiteFilter;
import dev.securelogout.servlet.LogoutConfig;
import dev.securelogout.servlet.LogoutFilter;
import dev.securelogout.servlet.SecureLogout;
import dev.securelogout.servlet.SessionEndpointsFilter;
import dev.securelogout.servlet.TokenRevocationFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.FormLoginConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.rememberme.RememberMeAuthenticationFilter;
import org.springframework.security.web.authentication.session.RegisterSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.ui.DefaultLoginPageGeneratingFilter;
import org.springframework.security.web.authentication.ui.DefaultResourcesFilter;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * secure-logout in a Spring Security filter chain, in Spring Security's own style:
 *
 * <pre>{@code
 * http.formLogin(form -> form.loginPage("/login"))
 *     .with(secureLogout(), logout -> logout.rememberMe("remember"));
 * }</pre>
 *
 * What it puts in the chain, and what of a stock setup each piece replaces:
 * <ul>
 * <li>the {@link SessionSecurityContextRepository} instead of the {@code HttpSession} one: every
 *     request is admitted only while its session is active in the store; a login (form login's
 *     handlers are set here) starts the library's session: 303 to the home page, or 200
 *     {@code {"user": …}} for an API client, 503 when the store is down;</li>
 * <li>logout-servlet's {@link LogoutFilter} at the logout URL instead of Spring's logout:
 *     {@code POST} only (405 otherwise), ends the session, its remember-me series and the
 *     presented bearer token through the engine, clears every cookie with {@code Clear-Site-Data}
 *     and {@code no-store}, and answers the same with or without a valid session;</li>
 * <li>one CSRF policy for the whole application, the library's cross-site rule
 *     ({@link CrossSiteFilter}: {@code Sec-Fetch-Site}, else {@code Origin}) on every
 *     {@code POST}/{@code PUT}/{@code PATCH}/{@code DELETE}, instead of Spring's synchronizer
 *     token, which answers 403 to a logout whose session expired (spring-security#3381);</li>
 * <li>an entry point answering 303 to the login page, 401 for an API client, and 503 with
 *     {@code Retry-After} when the store cannot answer (never a redirect that reads as a
 *     logout);</li>
 * <li>remember-me through the library's series instead of Spring's token services, when
 *     {@link #rememberMe(String)} is set;</li>
 * <li>the device list ({@code GET}, JSON), revoke-one and logout-everywhere endpoints, and
 *     optionally a bearer guard and RFC 7009 revocation;</li>
 * <li>{@code Cache-Control: no-store} instead of Spring's four cache headers; no request cache and
 *     no container session, so the library's cookies are the only ones.</li>
 * </ul>
 *
 * The engine is the application context's {@link LogoutEngine} unless {@link #engine} names one;
 * the access-token verifier the context's {@link AccessTokenVerifier}, if any, unless
 * {@link #bearer} names one. Each setting is given at most once (a second call throws
 * {@link IllegalStateException} naming it). Not thread-safe: configure, then build.
 */
public final class SecureLogoutConfigurer extends AbstractHttpConfigurer<SecureLogoutConfigurer, HttpSecurity> {

    private final LogoutConfig.Builder paths = LogoutConfig.builder();
    private final SetOnce once = new SetOnce();
    private @Nullable LogoutEngine engine;
    private @Nullable AccessTokenVerifier verifier;
    private String logoutUrl = "/logout";
    private String homePage = "/";
    private Optional<String> rememberMeParameter = Optional.empty();
    private Function<Session, Collection<? extends GrantedAuthority>> authorities = session -> AuthorityUtils.createAuthorityList("ROLE_USER");

    /** A configurer with the defaults; {@link #secureLogout()} reads better in a chain. */
    public SecureLogoutConfigurer() {
    }
    private @Nullable AuthenticationFailureHandler loginFailure;
    private List<String> bearerPaths = List.of();
    private Optional<String> tokenRevocationPath = Optional.empty();

    private final LateRepository contextRepository = new LateRepository();
    private @Nullable LogoutConfig config;
    private @Nullable SessionSecurityContextRepository repository;

    /**
     * For {@code http.with(secureLogout(), c -> …)}.
     *
     * @return the secure logout configurer
     */
    public static SecureLogoutConfigurer secureLogout() {
        return new SecureLogoutConfigurer();
    }

    /**
     * The engine to use instead of the application context's.
     *
     * @param value the value
     * @return the engine to use instead of the application context's
     */
    public SecureLogoutConfigurer engine(LogoutEngine value) {
        this.engine = once.set("engine", value);
        return this;
    }

    /**
     * The login page (where a browser without a session is sent); {@code /login} by default.
     *
     * @param path the path
     * @return the login page
     */
    public SecureLogoutConfigurer loginPage(String path) {
        once.mark("loginPage");
        paths.loginPath(path);
        return this;
    }

    /**
     * Where a browser goes after login; {@code /} by default.
     *
     * @param path the path
     * @return where a browser goes after login
     */
    public SecureLogoutConfigurer homePage(String path) {
        this.homePage = once.set("homePage", path);
        return this;
    }

    /**
     * The logout URL; {@code /logout} by default. Where the browser goes afterwards is the engine's {@code logoutRedirect}.
     *
     * @param path the path
     * @return the logout URL
     */
    public SecureLogoutConfigurer logoutUrl(String path) {
        this.logoutUrl = once.set("logoutUrl", path);
        return this;
    }

    /**
     * The device list ({@code GET path} with {@code Accept: application/json}; a browser's
     * {@code GET} passes on to the application's page) and revoke-one ({@code POST path/{id}/revoke});
     * {@code /account/sessions} by default.
     *
     * @param path the path
     * @return the device list
     */
    public SecureLogoutConfigurer devices(String path) {
        once.mark("devices");
        paths.sessionsPath(path);
        return this;
    }

    /**
     * The logout-everywhere endpoint ({@code POST}, {@code keepCurrent=true|false}); {@code /account/logout-everywhere} by default.
     *
     * @param path the path
     * @return the logout-everywhere endpoint
     */
    public SecureLogoutConfigurer logoutEverywhere(String path) {
        once.mark("logoutEverywhere");
        paths.logoutEverywherePath(path);
        return this;
    }

    /**
     * Where a browser goes after revoking another device or logging out the others; {@code /} by default.
     *
     * @param path the path
     * @return where a browser goes after revoking another device or logging out the others
     */
    public SecureLogoutConfigurer accountPage(String path) {
        once.mark("accountPage");
        paths.accountPage(path);
        return this;
    }

    /**
     * Path prefixes whose clients get 401 and 204 instead of redirects (besides {@code Accept: application/json}).
     *
     * @param prefixes the prefixes
     * @return the secure logout configurer
     */
    public SecureLogoutConfigurer apiPaths(String... prefixes) {
        once.mark("apiPaths");
        paths.apiPaths(List.of(prefixes));
        return this;
    }

    /**
     * Origins admitted by the cross-site rule besides the request's own (behind a TLS-terminating proxy).
     *
     * @param origins the origins
     * @return the secure logout configurer
     */
    public SecureLogoutConfigurer allowedOrigins(String... origins) {
        once.mark("allowedOrigins");
        paths.allowedOrigins(List.of(origins));
        return this;
    }

    /**
     * The {@code Retry-After} of every 503; five seconds by default.
     *
     * @param value the value
     * @return the {@code Retry-After} of every 503
     */
    public SecureLogoutConfigurer retryAfter(Duration value) {
        once.mark("retryAfter");
        paths.retryAfter(value);
        return this;
    }

    /**
     * Turns on remember-me through the library's series: a login whose form carries
     * {@code parameter=on} (or {@code true}) gets a remember-me cookie, which later restores a
     * session once per token (rotated on use, a replayed token ends its series).
     *
     * @param parameter the parameter
     * @return the secure logout configurer
     */
    public SecureLogoutConfigurer rememberMe(String parameter) {
        this.rememberMeParameter = Optional.of(once.set("rememberMe", parameter));
        return this;
    }

    /**
     * A session's authorities; {@code ROLE_USER} by default. Called on every authenticated
     * request, so it must answer from memory (a cache), never from a database.
     *
     * @param value the value
     * @return a session's authorities
     */
    public SecureLogoutConfigurer authorities(Function<Session, Collection<? extends GrantedAuthority>> value) {
        this.authorities = once.set("authorities", value);
        return this;
    }

    /**
     * The answer to wrong credentials; by default 303 to the login page with {@code ?error} (401 for an API client).
     *
     * @param handler the handler
     * @return the answer to wrong credentials
     */
    public SecureLogoutConfigurer loginFailure(AuthenticationFailureHandler handler) {
        this.loginFailure = once.set("loginFailure", handler);
        return this;
    }

    /**
     * Guards {@code paths} with a bearer access token: verified by {@code verifier}, then checked
     * against the engine's denylist and token version; 401 {@code invalid_token} otherwise, 503
     * when the store cannot answer. An admitted request is authenticated as an
     * {@link AccessTokenAuthentication}. Logout then also denylists a presented bearer token.
     *
     * @param tokens the tokens
     * @param paths the paths
     * @return the secure logout configurer
     */
    public SecureLogoutConfigurer bearer(AccessTokenVerifier tokens, String... paths) {
        this.verifier = once.set("bearer", tokens);
        this.bearerPaths = List.of(paths);
        return this;
    }

    /**
     * RFC 7009 token revocation ({@code POST}, form {@code token}) at {@code path}.
     *
     * @param path the path
     * @return the secure logout configurer
     */
    public SecureLogoutConfigurer tokenRevocation(String path) {
        this.tokenRevocationPath = Optional.of(once.set("tokenRevocation", path));
        return this;
    }

    /**
     * Called by {@code http.with(…)}: puts the security context repository and the session
     * registration in place at once, because session management reads both while it initializes,
     * before this configurer's {@link #init}.
     */
    @Override
    public void setBuilder(HttpSecurity http) {
        super.setBuilder(http);
        http.securityContext(c -> c.securityContextRepository(contextRepository));
        http.sessionManagement(s -> s.withObjectPostProcessor(new NoContainerSessionRegistration()));
    }

    @Override
    public void init(HttpSecurity http) {
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        if (engine == null) {
            engine = context.getBean(LogoutEngine.class);
        }
        if (verifier == null && context != null) {
            verifier = context.getBeanProvider(AccessTokenVerifier.class).getIfAvailable();
        }
        LogoutConfig config = paths.build();
        this.config = config;
        repository = new SessionSecurityContextRepository(engine, authorities, rememberMeParameter);
        contextRepository.delegate = repository;
        http.securityContext(c -> c.securityContextRepository(contextRepository));
        http.csrf(AbstractHttpConfigurer::disable);
        http.logout(AbstractHttpConfigurer::disable);
        http.requestCache(c -> c.requestCache(new NullRequestCache()));
        http.headers(h -> h.cacheControl(c -> c.disable()).addHeaderWriter(new StaticHeadersWriter("Cache-Control", "no-store")));
        http.exceptionHandling(e -> e.authenticationEntryPoint(new SessionEntryPoint(config)));
        @SuppressWarnings("unchecked")
        FormLoginConfigurer<HttpSecurity> form = http.getConfigurer(FormLoginConfigurer.class);
        if (form != null) {
            form.successHandler(LoginHandlers.success(config, homePage))
                    .failureHandler(LoginHandlers.failure(config, loginFailure != null ? loginFailure : LoginHandlers.refused(config)));
        }
    }

    @Override
    public void configure(HttpSecurity http) {
        LogoutEngine engine = initialised(this.engine);
        LogoutConfig config = initialised(this.config);
        @Nullable AccessTokenVerifier verifier = this.verifier;
        // Spring's generated login page steps aside for an explicit entry point such as ours: put it back
        DefaultLoginPageGeneratingFilter loginPage = http.getSharedObject(DefaultLoginPageGeneratingFilter.class);
        if (loginPage != null && loginPage.isEnabled()) {
            http.addFilter(postProcess(loginPage));
            http.addFilter(DefaultResourcesFilter.css());
        }
        http.addFilterAt(new CrossSiteFilter(config), CsrfFilter.class);
        LogoutFilter logout = verifier == null ? new LogoutFilter(engine, config) : new LogoutFilter(engine, verifier, config);
        http.addFilterAt(new PathFilter(path(logoutUrl), logout),
                org.springframework.security.web.authentication.logout.LogoutFilter.class);
        tokenRevocationPath.ifPresent(p -> http.addFilterAt(new PathFilter(path(p), verifier == null
                ? new TokenRevocationFilter(engine, config) : new TokenRevocationFilter(engine, verifier, config)),
                org.springframework.security.web.authentication.logout.LogoutFilter.class));
        if (rememberMeParameter.isPresent()) {
            http.addFilterAt(new RememberMeFilter(engine, initialised(repository)), RememberMeAuthenticationFilter.class);
        }
        if (!bearerPaths.isEmpty()) {
            http.addFilterBefore(new PathFilter(paths(bearerPaths), bearer(new BearerGuardFilter(engine, initialised(verifier), config))),
                    ExceptionTranslationFilter.class);
        }
        RequestMatcher devices = new OrRequestMatcher(path(config.sessionsPath() + "/*/**"), path(config.logoutEverywherePath()));
        RequestMatcher list = path(config.sessionsPath());
        RequestMatcher endpoints = new OrRequestMatcher(devices,
                request -> list.matches(request) && (!"GET".equals(request.getMethod()) || AdapterSupport.wantsJson(request, config)));
        http.addFilterAfter(new PathFilter(endpoints, new SessionEndpointsFilter(engine, config)), AuthorizationFilter.class);
    }

    /** What {@link #init} set; Spring calls it before {@link #configure}. */
    private static <T> T initialised(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("configure before init");
        }
        return value;
    }

    /** The bearer guard, authenticating what it admits for the rest of the chain. */
    private static Filter bearer(BearerGuardFilter guard) {
        return (request, response, chain) -> guard.doFilter(request, response, (admitted, answer) -> {
            SecureLogout.accessToken(admitted).ifPresent(claims -> {
                SecurityContext securityContext = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
                securityContext.setAuthentication(new AccessTokenAuthentication(claims, AuthorityUtils.createAuthorityList("ROLE_USER")));
                SecurityContextHolder.getContextHolderStrategy().setContext(securityContext);
            });
            chain.doFilter(admitted, answer);
        });
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private static RequestMatcher paths(List<String> patterns) {
        List<RequestMatcher> matchers = new ArrayList<>();
        patterns.forEach(p -> matchers.add(path(p)));
        return new OrRequestMatcher(matchers);
    }

    /** The repository known at {@link #setBuilder}, built at {@link #init} once the DSL is read. */
    private static final class LateRepository implements SecurityContextRepository {
        private @Nullable SessionSecurityContextRepository delegate;

        @Override
        public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
            return initialised(delegate).loadDeferredContext(request);
        }

        @Override
        @Deprecated
        public SecurityContext loadContext(HttpRequestResponseHolder holder) {
            return initialised(delegate).loadContext(holder);
        }

        @Override
        public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
            initialised(delegate).saveContext(context, request, response);
        }

        @Override
        public boolean containsContext(HttpServletRequest request) {
            return initialised(delegate).containsContext(request);
        }
    }

    /**
     * Keeps {@code maximumSessions(n)} from creating a container session at every login to
     * register it: the library's session is the one that counts, started by the repository.
     */
    private static final class NoContainerSessionRegistration implements ObjectPostProcessor<RegisterSessionAuthenticationStrategy> {
        @Override
        @SuppressWarnings("unchecked")
        public <O extends RegisterSessionAuthenticationStrategy> O postProcess(O object) {
            return (O) new RegisterSessionAuthenticationStrategy(new SessionRegistryImpl()) {
                @Override
                public void onAuthentication(org.springframework.security.core.Authentication authentication,
                                             HttpServletRequest request, HttpServletResponse response) {
                    // nothing to register: see the class comment
                }
            };
        }
    }
}
