package dev.securelogout.core;

import dev.securelogout.core.cookie.ClearSiteData;
import dev.securelogout.core.cookie.CookieSpec;
import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.event.LogoutScope;
import dev.securelogout.core.internal.SetOnce;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.monitor.CheckKind;
import dev.securelogout.core.monitor.CheckResult;
import dev.securelogout.core.monitor.EngineHealth;
import dev.securelogout.core.monitor.EngineMonitor;
import dev.securelogout.core.monitor.HealthProbe;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.CookieClearer;
import dev.securelogout.core.spi.LogoutListener;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.TokenState;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The one object every adapter holds: starts and checks sessions, logs out of one device or of
 * all, lists and revokes a user's own sessions, reacts to security events, rotates and revokes
 * tokens; {@link #admin()} acts on any user's sessions for an operator.
 *
 * <p><b>Order.</b> Every logout invalidates server-side first (sessions, then tokens), then
 * notifies the user's other clients and the listeners, then describes what the client must do.
 * Each step runs even when an earlier one failed; a failure yields the same client instructions,
 * a {@link LogoutOutcome#serverSideFailed() failed outcome} and one ERROR log line, never an
 * exception to the caller. A revocation a store could not take is refused on this node at once
 * and retried on its own schedule ({@link #pendingRevocations()}).
 *
 * <p><b>Authentication.</b> Methods that take a {@link Session} act for that session's user: the
 * adapter obtains it from {@link #check}, so a user can only ever reach their own sessions.
 *
 * <p>Built once with {@link #builder()}, immutable and thread-safe. {@link #close()} stops its
 * retry thread.
 */
public final class LogoutEngine implements AutoCloseable {

    /**
     * The default {@linkplain Builder#refreshGraceWindow grace window} of a rotation: ten seconds,
     * long enough for two tabs (or a retry after a lost response) that present one token at once to
     * both end with the same working successor, short enough that a thief who replays a stolen,
     * already rotated token later trips reuse detection and kills the family.
     */
    public static final Duration DEFAULT_REFRESH_GRACE_WINDOW = Duration.ofSeconds(10);

    private final Settings settings;
    private final SessionLifecycle sessions;
    private final TokenLifecycle tokens;
    private final Logouts logouts;
    private final SessionAdmin admin;
    private final HealthProbes health;

    private LogoutEngine(Settings settings) {
        this.settings = settings;
        this.sessions = new SessionLifecycle(settings);
        this.logouts = new Logouts(settings, sessions, new LogoutChain(settings));
        this.tokens = new TokenLifecycle(settings, sessions, logouts);
        this.admin = new SessionAdmin(sessions, tokens, logouts);
        this.health = new HealthProbes(settings.probes(), settings.pending()::size);
        settings.monitor().pendingRevocations(settings.pending()::size);
        settings.sessions().onExpiry(logouts::expired);
    }

    /**
     * A builder; stores are required (or {@link Builder#inMemory()}).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- sessions

    /**
     * Starts a session for {@code userId} (after the application authenticated them) and tells the
     * user's other live clients ({@link SessionNotifier#publishSignIn}, best effort). Beyond the
     * {@link Builder#sessionLimit session limit} the user's least recently active devices end (their
     * pages are told, the audit says {@link LogoutReason#SESSION_LIMIT}), or the login is refused.
     *
     * @param userId the user's id
     * @param device the device
     * @return the new session
     * @throws SessionLimitReachedException when the limit refuses the login: nothing changed
     * @throws dev.securelogout.core.spi.StoreException when the store cannot register it: the login must fail
     */
    public NewSession startSession(String userId, Device device) {
        return started(sessions.start(userId, device, Optional.empty()), device);
    }

    /**
     * Starts a session for {@code userId} who signed in through an identity provider (OpenID
     * Connect), remembering the provider's session it came from: {@link #providerLogout} of that
     * provider session ends it. Otherwise as {@link #startSession(String, Device)}.
     *
     * @param userId   the user, as the application names them (with OpenID Connect, the provider's {@code sub})
     * @param device   the device signing in
     * @param provider the provider's session the user signed in with
     * @return the new session and its id
     * @throws SessionLimitReachedException when the limit refuses the login: nothing changed
     * @throws dev.securelogout.core.spi.StoreException when the store cannot register it: the login must fail
     */
    public NewSession startSession(String userId, Device device, ProviderSession provider) {
        return started(sessions.start(userId, device, Optional.of(Objects.requireNonNull(provider, "provider"))), device);
    }

    private NewSession started(SessionLifecycle.Started started, Device device) {
        logouts.evicted(started.evicted(), device);
        sessions.announce(started.session().session());
        return started.session();
    }

    /**
     * The hot path of every protected request: is the session with this raw id alive? Records
     * activity at most once per touch interval. Never throws: a store failure is
     * {@link SessionCheck.Status#UNAVAILABLE}.
     *
     * @param sessionId the session id
     * @return the hot path of every protected request
     */
    public SessionCheck check(String sessionId) {
        return monitored(sessions.check(sessionId, Optional.empty()));
    }

    /**
     * {@link #check(String)}, recording {@code clientIp} as the session's last-seen address (with
     * the activity, or at once when the address changed), for the device list.
     *
     * @param sessionId the raw session id from the client's cookie; garbage is invalid
     * @param clientIp  the client's address (behind trusted proxies, the forwarded one)
     * @return whether the session is active, with the session as now stored
     */
    public SessionCheck check(String sessionId, String clientIp) {
        return monitored(sessions.check(sessionId, Optional.of(clientIp)));
    }

    private static CheckResult result(SessionCheck.Status status) {
        return switch (status) {
            case ACTIVE -> CheckResult.ACTIVE;
            case INVALID -> CheckResult.REFUSED;
            case UNAVAILABLE -> CheckResult.UNAVAILABLE;
        };
    }

    private static CheckResult result(AccessTokenStatus status) {
        return switch (status) {
            case ACTIVE -> CheckResult.ACTIVE;
            case REVOKED, EXPIRED -> CheckResult.REFUSED;
            case UNAVAILABLE -> CheckResult.UNAVAILABLE;
        };
    }

    private SessionCheck monitored(SessionCheck check) {
        settings.monitor().check(CheckKind.SESSION, result(check.status()));
        return check;
    }

    /**
     * The active sessions of {@code current}'s user, most recently active first.
     *
     * @param current the current session
     * @return the active sessions of {@code current}'s user, most recently active first
     * @throws dev.securelogout.core.spi.StoreException when the store cannot answer
     */
    public List<Session> sessionsOf(Session current) {
        return sessions.list(current.userId());
    }

    /**
     * The API clients of {@code current}'s user: one refresh-token family each (its newest active
     * generation, naming the client's device), for the device list beside {@link #sessionsOf}.
     * Revoke one with {@link #revokeSession} under its family id.
     *
     * @param current the current session
     * @return the API clients of {@code current}'s user
     * @throws dev.securelogout.core.spi.StoreException when the store cannot answer
     */
    public List<PersistentToken> apiClientsOf(Session current) {
        return tokens.apiClients(current.userId());
    }

    /**
     * Ends the device named {@code handle}, when it is one of {@code current}'s user's own (another
     * than {@code current}'s needs a {@link #isRecentlyAuthenticated recent authentication}, else
     * {@link RevokeResult#REAUTHENTICATION_REQUIRED} and nothing changes): its
     * sessions and its remember-me series (which shares the handle), so that it cannot sign itself
     * back in. A handle of another user's session reads as {@link RevokeResult#NOT_FOUND}.
     *
     * @param current the current session
     * @param handle the session's handle
     * @param client the client
     * @return the revoke result
     */
    public RevokeResult revokeSession(Session current, String handle, Device client) {
        if (!current.handle().equals(handle) && !isRecentlyAuthenticated(current)) {
            return RevokeResult.REAUTHENTICATION_REQUIRED;
        }
        return RevokeResult.of(logouts.revokeDevice(current.userId(), handle, Optional.of(current),
                LogoutReason.REVOKED_BY_USER, client, Optional.empty()));
    }

    /**
     * Whether {@code current}'s user proved who they are on this device within the
     * {@link Builder#reauthenticationWindow re-authentication window}: a password sign-in or a
     * {@link #reauthenticate}, not a remember-me restore.
     *
     * @param current the current session
     * @return whether is recently authenticated
     */
    public boolean isRecentlyAuthenticated(Session current) {
        return !current.authenticatedAt().plus(settings.reauthenticationWindow()).isBefore(settings.clock().instant());
    }

    /**
     * Refuses a sensitive change (an account change such as a new password or email, before the
     * application makes it) unless {@link #isRecentlyAuthenticated}.
     *
     * @param current the current session
     * @throws ReauthenticationRequiredException when the last authentication is too old: change nothing
     */
    public void requireRecentAuthentication(Session current) {
        if (!isRecentlyAuthenticated(current)) {
            throw new ReauthenticationRequiredException();
        }
    }

    /**
     * Records that {@code current}'s user just proved who they are again (the application checked
     * the password): restarts the re-authentication window.
     *
     * @param current the current session
     * @return the session as now stored; empty when it ended meanwhile
     * @throws dev.securelogout.core.spi.StoreException when the store cannot record it
     */
    public Optional<Session> reauthenticate(Session current) {
        Instant now = settings.clock().instant();
        return settings.sessions().reauthenticate(current.key(), now)
                ? Optional.of(current.withAuthenticatedAt(now)) : Optional.empty();
    }

    /**
     * Gives {@code current} a new id, keeping its handle, device and deadlines: after a login or
     * privilege change, against session fixation.
     *
     * @param current the current session
     * @return the new session
     * @throws dev.securelogout.core.spi.StoreException when the store cannot do it; the old id may then still be valid
     */
    public NewSession rotateSession(Session current) {
        return sessions.rotate(current);
    }

    // ---------------------------------------------------------------- logout

    /**
     * Logs the presenting device out: deletes its session and every session of its lineage
     * (restored from its remember-me series), revokes that series and the presented remember-me
     * and refresh families, denylists the presented access token until its expiry. Whatever was
     * presented, valid or not, the client instructions are the same.
     *
     * @param request the request
     * @return the logout outcome
     */
    public LogoutOutcome logout(LogoutRequest request) {
        return settings.monitor().observe(LogoutScope.SESSION, () -> logouts.logout(request), LogoutOutcome::succeeded);
    }

    /**
     * Ends every session and token of {@code current}'s user, the current session too unless
     * {@code keepCurrent} (which needs a {@link #isRecentlyAuthenticated recent authentication},
     * else {@link ReauthenticationRequiredException} and nothing changes); advances the user's token state so that every access token issued
     * before is refused; tells the user's other clients.
     *
     * @param current the current session
     * @param keepCurrent whether the current session survives
     * @param client the client
     * @return the logout outcome
     */
    public LogoutOutcome logoutEverywhere(Session current, boolean keepCurrent, Device client) {
        if (keepCurrent) {
            requireRecentAuthentication(current);
        }
        return settings.monitor().observe(keepCurrent ? LogoutScope.ALL_BUT_CURRENT : LogoutScope.ALL_SESSIONS,
                () -> logouts.endAll(current.userId(), LogoutReason.LOGOUT_EVERYWHERE, Optional.of(current),
                        keepCurrent ? Logouts.Keep.AS_IS : Logouts.Keep.NONE, client, Optional.empty()),
                LogoutOutcome::succeeded);
    }

    /**
     * Ends every session and token of {@code userId} for a client that holds no session (an API
     * client authenticated by its access token), and tells the user's other clients.
     *
     * @param userId the user's id
     * @param client the client
     * @return the logout outcome
     */
    public LogoutOutcome logoutEverywhere(String userId, Device client) {
        return settings.monitor().observe(LogoutScope.ALL_SESSIONS, () -> logouts.endAll(userId,
                LogoutReason.LOGOUT_EVERYWHERE, Optional.empty(), Logouts.Keep.NONE, client, Optional.empty()),
                LogoutOutcome::succeeded);
    }

    /**
     * Ends every other session and token of {@code userId} after an account change; {@code current},
     * when it is that user's and the event is one of {@link Builder#keepCurrentSessionOn}, survives
     * under a new id ({@link LogoutOutcome#replacement()}).
     *
     * @param event the event
     * @param userId the user's id
     * @param current the current session
     * @param client the client
     * @return the logout outcome
     */
    public LogoutOutcome onSecurityEvent(SecurityEvent event, String userId, Optional<Session> current, Device client) {
        Optional<Session> own = current.filter(s -> s.userId().equals(userId));
        boolean keep = own.isPresent() && settings.keepCurrentOn().contains(event);
        return logouts.endAll(userId, event.reason(), own, keep ? Logouts.Keep.ROTATED : Logouts.Keep.NONE, client,
                Optional.empty());
    }

    /**
     * Revokes one token a client presents (RFC 7009): the family of a refresh or remember-me token,
     * and the access token of {@code accessToken} until its expiry. Audited as
     * {@link LogoutReason#TOKEN_REVOKED}; the client instructions are empty.
     *
     * @param token the token
     * @param accessToken the access token
     * @param client the client
     * @return the logout outcome
     */
    public LogoutOutcome revokeToken(String token, Optional<AccessTokenClaims> accessToken, Device client) {
        return logouts.revokeToken(Credential.parse(token), accessToken, client);
    }

    /**
     * Ends what an identity provider's logout names (OpenID Connect Back-Channel Logout), on every
     * node that shares the stores, audited as {@link LogoutReason#PROVIDER_LOGOUT}:
     * <ul>
     * <li>with {@code providerSession}: every session that came from it, the other sessions of
     *     their devices and those devices' remember-me series; their pages are told. With
     *     {@code userId} too, the user's token state advances, so that every access token issued
     *     to them before (the provider's included) is refused; their other sessions survive.</li>
     * <li>with {@code userId} only: every session and token of that user, as
     *     {@link #logoutEverywhere(String, Device)}.</li>
     * </ul>
     * The outcome's client instructions are empty: the caller is the provider, not the user's
     * browser. Never throws for a store failure ({@link LogoutOutcome#serverSideFailed()}).
     *
     * @param providerSession the provider's session that ended ({@code sid}), if named
     * @param userId          the user it names ({@code sub}), if named
     * @param client          the caller, the provider's server
     * @return what ended
     * @throws IllegalArgumentException when neither is given
     */
    public LogoutOutcome providerLogout(Optional<ProviderSession> providerSession, Optional<String> userId, Device client) {
        Objects.requireNonNull(client, "client");
        if (providerSession.isPresent()) {
            return logouts.endProviderSession(providerSession.get(), userId, client);
        }
        return logouts.endAll(userId.orElseThrow(() -> new IllegalArgumentException("a provider session or a user is required")),
                LogoutReason.PROVIDER_LOGOUT, Optional.empty(), Logouts.Keep.NONE, client, Optional.empty());
    }

    /**
     * The operator's calls on any user's sessions, to put behind the application's own authorisation.
     *
     * @return the session admin
     */
    public SessionAdmin admin() {
        return admin;
    }

    // ---------------------------------------------------------------- tokens

    /**
     * Issues a refresh token, the first of a new family, to an unnamed device.
     *
     * @param userId the user's id
     * @return the issued token
     * @throws dev.securelogout.core.spi.StoreException when it cannot be stored
     */
    public IssuedToken issueRefreshToken(String userId) {
        return tokens.issueRefreshToken(userId, Device.unknown());
    }

    /**
     * Issues a refresh token, the first of a new family, to the API client {@code device} (its
     * user agent and address): the family is a device of the user, listed by
     * {@link #apiClientsOf} and ended by {@link #revokeSession} under its {@link IssuedToken#grant()},
     * which also refuses the access tokens minted from it at once.
     *
     * @param userId the user's id
     * @param device the device
     * @return the issued token
     * @throws dev.securelogout.core.spi.StoreException when it cannot be stored
     */
    public IssuedToken issueRefreshToken(String userId, Device device) {
        return tokens.issueRefreshToken(userId, device);
    }

    /**
     * Rotates a refresh token: the presented one is spent, its successor returned. A spent token
     * presented again revokes its family and publishes a {@link LogoutReason#TOKEN_REUSE} event,
     * unless it comes inside the grace window, when the same successor is returned again.
     *
     * @param refreshToken the refresh token
     * @param client the client
     * @return the refresh result
     */
    public RefreshResult refresh(String refreshToken, Device client) {
        return tokens.refresh(refreshToken, client);
    }

    /**
     * Issues a remember-me token for the device of {@code session}, the first of a new series. The
     * series is named by the session's handle, and so are the sessions it later starts: the device
     * list shows them as one device, and ending that device ends the series too.
     *
     * @param session the session
     * @return the issued token
     * @throws dev.securelogout.core.spi.StoreException when it cannot be stored
     */
    public IssuedToken issueRememberMe(Session session) {
        return tokens.issueRememberMe(session);
    }

    /**
     * Starts a session from a remember-me token, rotating the token within its series. A spent
     * token presented again (theft) revokes the series and ends the sessions it started.
     *
     * @param rememberMeToken the remember me token
     * @param device the device
     * @return the remember me login
     */
    public RememberMeLogin loginWithRememberMe(String rememberMeToken, Device device) {
        return tokens.loginWithRememberMe(rememberMeToken, device);
    }

    /**
     * May a verified access token be used? Refused when denylisted, when issued before the user's
     * last logout everywhere, or past its expiry. Never throws.
     *
     * @param claims the token's claims
     * @return the access token status
     */
    public AccessTokenStatus checkAccessToken(AccessTokenClaims claims) {
        AccessTokenStatus status = tokens.checkAccessToken(claims);
        settings.monitor().check(CheckKind.ACCESS_TOKEN, result(status));
        return status;
    }

    /**
     * Records the one-time token {@code id} (such as an OpenID Connect logout token's issuer and
     * {@code jti}, under an issuer of the caller's own namespace) on the access-token denylist
     * until {@code until}, unless it is there already: the replay guard of such tokens across the
     * nodes that share the stores. Check, then record, not one atomic step: two nodes given the
     * same token at the same instant may both accept it, which suits an idempotent use (ending
     * sessions) and no other.
     *
     * @param id    the token's issuer, in the caller's namespace, and its {@code jti}
     * @param until when the record may go: the token's expiry
     * @return true the first time, false for a replay
     * @throws dev.securelogout.core.spi.StoreException when the store cannot answer or record it
     */
    public boolean useOnce(AccessTokenId id, Instant until) {
        Objects.requireNonNull(until, "until");
        if (settings.denylist().isDenied(Objects.requireNonNull(id, "id"))) {
            return false;
        }
        settings.denylist().deny(id, until);
        return true;
    }

    /**
     * The user's token state; embed its version in new access tokens so that a logout everywhere
     * refuses them exactly.
     *
     * @param userId the user's id
     * @return the user's token state
     * @throws dev.securelogout.core.spi.StoreException when the store cannot answer
     */
    public TokenState tokenState(String userId) {
        return tokens.tokenState(userId);
    }

    // ---------------------------------------------------------------- what adapters need

    /**
     * What a client must do to drop every credential: the same instructions every logout outcome
     * carries, for an adapter's last-resort answer when the engine itself failed.
     *
     * @return what a client must do to drop every credential
     */
    public ClientInstructions clientInstructions() {
        return settings.cleanup().instructions();
    }

    /**
     * The cookie that carries the session id: adapters read and write it through this spec.
     *
     * @return the cookie that carries the session id
     */
    public CookieSpec sessionCookie() {
        return settings.sessionCookie();
    }

    /**
     * The {@code Set-Cookie} value that hands a new session's id to the client, after a login, a
     * remember-me restore or {@link #rotateSession}; a logout that keeps the session under a new
     * id carries it in its {@link LogoutOutcome#setCookies()} already.
     *
     * @param session the session
     * @return the session set cookie
     */
    public String sessionSetCookie(NewSession session) {
        return settings.cleanup().sessionSetCookie(session);
    }

    /**
     * The cookie that carries the remember-me token.
     *
     * @return the cookie that carries the remember-me token
     */
    public CookieSpec rememberMeCookie() {
        return settings.rememberMeCookie();
    }

    /**
     * How long a remember-me cookie lives.
     *
     * @return how long a remember-me cookie lives
     */
    public Duration rememberMeLifetime() {
        return settings.rememberMeLifetime();
    }

    /**
     * The longest life of an access token this engine's revocations cover: a revoked grant stays
     * denied this long. An issuer of access tokens must not mint longer-lived ones.
     *
     * @return the access token lifetime the engine was built with
     */
    public Duration accessTokenLifetime() {
        return settings.accessTokenLifetime();
    }

    /**
     * The engine's clock.
     *
     * @return the engine's clock
     */
    public Clock clock() {
        return settings.clock();
    }

    /**
     * How many revocations that a store could not take are held and retried on this node now.
     *
     * @return how many revocations that a store could not take are held and retried on this node now
     */
    public int pendingRevocations() {
        return settings.pending().size();
    }

    /**
     * Whether each store answers a cheap read (and each added {@link Builder#healthProbe probe}
     * passes) within 2 seconds, and how many revocations are pending: for a health endpoint.
     *
     * @return what the probes found; never throws
     */
    public EngineHealth health() {
        return health(Duration.ofSeconds(2));
    }

    /**
     * {@link #health()} waiting at most {@code timeout} in all: the probes run together, and one
     * that has not answered by then is down ("timed out").
     *
     * @param timeout how long the caller waits at most
     * @return what the probes found; never throws
     */
    public EngineHealth health(Duration timeout) {
        return health.run(Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Stops retrying pending revocations and the engine's own retry thread (a scheduler the
     * application gave keeps running): what is still pending is dropped, with an ERROR line.
     * Idempotent. The engine's other calls keep working, without retries.
     */
    @Override
    public void close() {
        settings.pending().close();
        settings.ownScheduler().ifPresent(ScheduledExecutorService::shutdownNow);
    }

    /**
     * Builds a {@link LogoutEngine}; settings are validated by {@link #build()}, each naming itself
     * in the message when it is missing, out of range or contradicts another. Each setting is given
     * at most once: a second call throws {@link IllegalStateException} naming it. Not thread-safe.
     */
    public static final class Builder {
        @Nullable SessionStore sessionStore;
        @Nullable PersistentTokenStore persistentTokenStore;
        @Nullable AccessTokenDenylist accessTokenDenylist;
        @Nullable TokenVersionStore tokenVersionStore;
        boolean inMemory;
        SessionNotifier notifier = InMemoryStores.notifier();
        final List<LogoutListener> listeners = new ArrayList<>(List.of(new AuditLogListener()));
        @Nullable CookieClearer cookieClearer;
        final List<CookieSpec> alsoClear = new ArrayList<>();
        boolean hostOnlyTwins;
        List<String> formerDomains = List.of();
        Set<ClearSiteData> clearSiteData = EnumSet.of(ClearSiteData.COOKIES, ClearSiteData.STORAGE);
        CookieSpec sessionCookie = CookieSpec.named("__Host-sid").build();
        CookieSpec rememberMeCookie = CookieSpec.named("__Host-remember").build();
        String logoutRedirect = "/login";
        Clock clock = Clock.systemUTC();
        @Nullable Hmac hmac;
        SecureRandom random = new SecureRandom();
        Duration idleTimeout = Duration.ofMinutes(30);
        Duration absoluteTimeout = Duration.ofHours(12);
        Duration touchInterval = Duration.ofMinutes(1);
        Duration refreshTokenTimeToLive = Duration.ofDays(14);
        Duration refreshFamilyLifetime = Duration.ofDays(30);
        Duration refreshGraceWindow = DEFAULT_REFRESH_GRACE_WINDOW;
        Duration rememberMeLifetime = Duration.ofDays(30);
        Set<SecurityEvent> keepCurrentOn = EnumSet.of(SecurityEvent.PASSWORD_CHANGED, SecurityEvent.EMAIL_CHANGED,
                SecurityEvent.MFA_CHANGED);
        @Nullable ScheduledExecutorService scheduler;
        Duration pendingRevocationMaxAge = Duration.ofHours(1);
        @Nullable Predicate<AccessTokenClaims> accessTokenCheck;
        Duration accessTokenLifetime = Duration.ofMinutes(15);
        SessionLimit sessionLimit = SessionLimit.NONE;
        Duration reauthenticationWindow = Duration.ofMinutes(5);
        EngineMonitor monitor = EngineMonitor.NONE;
        final Map<String, HealthProbe> healthProbes = new LinkedHashMap<>();
        private final SetOnce once = new SetOnce();

        private Builder() {
        }

        /**
         * Where the engine reports logouts, checks, pending revocations and timed store calls
         * ({@code logout-micrometer} binds one to Micrometer); none by default, and then store
         * calls are not timed.
         *
         * @param value the monitor
         * @return this builder
         */
        public Builder monitor(EngineMonitor value) {
            this.monitor = once.set("monitor", value);
            return this;
        }

        /**
         * Adds a check to {@link LogoutEngine#health()} beside the stores' own, such as a Redis
         * epoch's ({@code RedisTokenVersionStore::checkEpoch}).
         *
         * @param name  its name in the answer, other than a store's
         * @param probe the check
         * @return this builder
         */
        public Builder healthProbe(String name, HealthProbe probe) {
            Objects.requireNonNull(probe, "probe");
            once.mark("healthProbe " + Objects.requireNonNull(name, "name"));
            this.healthProbes.put(name, probe);
            return this;
        }

        /**
         * The session store (required, unless {@link #inMemory()}).
         *
         * @param value the session store
         * @return this builder
         */
        public Builder sessionStore(SessionStore value) {
            this.sessionStore = once.set("sessionStore", value);
            return this;
        }

        /**
         * The refresh and remember-me token store (required, unless {@link #inMemory()}).
         *
         * @param value the refresh and remember-me token store
         * @return this builder
         */
        public Builder persistentTokenStore(PersistentTokenStore value) {
            this.persistentTokenStore = once.set("persistentTokenStore", value);
            return this;
        }

        /**
         * The access-token denylist (required, unless {@link #inMemory()}).
         *
         * @param value the access-token denylist
         * @return this builder
         */
        public Builder accessTokenDenylist(AccessTokenDenylist value) {
            this.accessTokenDenylist = once.set("accessTokenDenylist", value);
            return this;
        }

        /**
         * The per-user token versions (required, unless {@link #inMemory()}).
         *
         * @param value the per-user token versions
         * @return this builder
         */
        public Builder tokenVersionStore(TokenVersionStore value) {
            this.tokenVersionStore = once.set("tokenVersionStore", value);
            return this;
        }

        /**
         * The longest life of an access token the application mints, plus the time a mint may lag
         * behind its refresh; 15 minutes by default. Revoking a refresh family refuses the access
         * tokens minted from it ({@link AccessTokenClaims#grant()}) for this long.
         *
         * @param value the access token lifetime
         * @return this builder
         */
        public Builder accessTokenLifetime(Duration value) {
            this.accessTokenLifetime = once.set("accessTokenLifetime", value);
            return this;
        }

        /**
         * How many sessions one user may hold at once, and what a login beyond does;
         * {@link SessionLimit#NONE} by default. Enforced by the session store, across nodes.
         *
         * @param value how many sessions one user may hold at once, and what a login beyond does
         * @return this builder
         */
        public Builder sessionLimit(SessionLimit value) {
            this.sessionLimit = once.set("sessionLimit", value);
            return this;
        }

        /**
         * How long after the user last proved who they are a sensitive change (ending other
         * sessions, revoking another device, an account change) is allowed without proving it
         * again; 5 minutes by default (ASVS 5.0 7.5.1).
         *
         * @param value how long after the user last proved who they are a sensitive change
         * @return this builder
         */
        public Builder reauthenticationWindow(Duration value) {
            this.reauthenticationWindow = once.set("reauthenticationWindow", value);
            return this;
        }

        /**
         * Uses the in-memory stores on the engine's clock: one node, nothing to run.
         *
         * @return this builder
         */
        public Builder inMemory() {
            once.mark("inMemory");
            this.inMemory = true;
            return this;
        }

        /**
         * Tells a user's live clients that their sessions ended; in-memory (this node) by default.
         *
         * @param value the notifier
         * @return this builder
         */
        public Builder notifier(SessionNotifier value) {
            this.notifier = once.set("notifier", value);
            return this;
        }

        /**
         * Adds a listener; the audit log ({@code dev.securelogout.audit}) is there by default.
         *
         * @param value the listener
         * @return this builder
         */
        public Builder listener(LogoutListener value) {
            this.listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /**
         * Removes every listener, the audit log included (then add your own).
         *
         * @return this builder
         */
        public Builder noListeners() {
            once.mark("noListeners");
            this.listeners.clear();
            return this;
        }

        /**
         * The session cookie; {@code __Host-sid}, Secure, HttpOnly, SameSite=Lax by default.
         *
         * @param value the session cookie
         * @return this builder
         */
        public Builder sessionCookie(CookieSpec value) {
            this.sessionCookie = once.set("sessionCookie", value);
            return this;
        }

        /**
         * The remember-me cookie; {@code __Host-remember} by default.
         *
         * @param value the remember-me cookie
         * @return this builder
         */
        public Builder rememberMeCookie(CookieSpec value) {
            this.rememberMeCookie = once.set("rememberMeCookie", value);
            return this;
        }

        /**
         * More cookies that logout deletes (token cookies, CSRF cookies, app state).
         *
         * @param values more cookies that logout deletes
         * @return this builder
         */
        public Builder alsoClear(CookieSpec... values) {
            this.alsoClear.addAll(List.of(values));
            return this;
        }

        /**
         * Also delete the host-only twin of every Domain cookie; off by default.
         *
         * @param value whether to delete the host-only twin of every Domain cookie
         * @return this builder
         */
        public Builder clearHostOnlyTwins(boolean value) {
            once.mark("clearHostOnlyTwins");
            this.hostOnlyTwins = value;
            return this;
        }

        /**
         * Also delete the cookies on these former Domains (after a domain move).
         *
         * @param domains the domains
         * @return this builder
         */
        public Builder clearFormerDomains(String... domains) {
            this.formerDomains = once.set("clearFormerDomains", List.of(domains));
            return this;
        }

        /**
         * Replaces the standard cookie clearer; cannot be combined with the three settings above.
         *
         * @param value the cookie clearer
         * @return this builder
         */
        public Builder cookieClearer(CookieClearer value) {
            this.cookieClearer = once.set("cookieClearer", value);
            return this;
        }

        /**
         * The {@code Clear-Site-Data} directives; "cookies" and "storage" by default.
         *
         * @param value the {@code Clear-Site-Data} directives
         * @return this builder
         */
        public Builder clearSiteData(Set<ClearSiteData> value) {
            this.clearSiteData = once.set("clearSiteData", Set.copyOf(value));
            return this;
        }

        /**
         * The same-site path the browser goes to after logout; "/login" by default.
         *
         * @param path the path
         * @return this builder
         */
        public Builder logoutRedirect(String path) {
            this.logoutRedirect = once.set("logoutRedirect", path);
            return this;
        }

        /**
         * The clock; the system UTC clock by default.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = once.set("clock", value);
            return this;
        }

        /**
         * The secret key (at least 32 bytes) for credential partitions, audit digests and rotation;
         * random by default. Nodes that share stores share it, and stores that route by partition
         * (Redis) are given it as a {@link dev.securelogout.core.credential.PartitionKey}.
         *
         * @param key the secret key, at least 32 bytes
         * @return this builder
         */
        public Builder secretKey(byte[] key) {
            once.mark("secretKey");
            this.hmac = Hmac.of(key);
            return this;
        }

        /**
         * The source of credentials; a new {@link SecureRandom} by default.
         *
         * @param value the source of credentials
         * @return this builder
         */
        public Builder random(SecureRandom value) {
            this.random = once.set("random", value);
            return this;
        }

        /**
         * How long a session survives without a request; 30 minutes by default.
         *
         * @param value how long a session survives without a request
         * @return this builder
         */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = once.set("idleTimeout", value);
            return this;
        }

        /**
         * How long a session lives at most; 12 hours by default.
         *
         * @param value how long a session lives at most
         * @return this builder
         */
        public Builder absoluteTimeout(Duration value) {
            this.absoluteTimeout = once.set("absoluteTimeout", value);
            return this;
        }

        /**
         * How often a check records activity; 1 minute by default, less than the idle timeout.
         *
         * @param value how often a check records activity
         * @return this builder
         */
        public Builder touchInterval(Duration value) {
            this.touchInterval = once.set("touchInterval", value);
            return this;
        }

        /**
         * How long a refresh token lives unused; 14 days by default.
         *
         * @param value how long a refresh token lives unused
         * @return this builder
         */
        public Builder refreshTokenTimeToLive(Duration value) {
            this.refreshTokenTimeToLive = once.set("refreshTokenTimeToLive", value);
            return this;
        }

        /**
         * How long a refresh-token family lives whatever the rotations; 30 days by default.
         *
         * @param value how long a refresh-token family lives whatever the rotations
         * @return this builder
         */
        public Builder refreshFamilyLifetime(Duration value) {
            this.refreshFamilyLifetime = once.set("refreshFamilyLifetime", value);
            return this;
        }

        /**
         * How long after a rotation the spent refresh or remember-me token still yields the same
         * successor (a second tab that raced the rotation) instead of tripping reuse detection;
         * {@link LogoutEngine#DEFAULT_REFRESH_GRACE_WINDOW} by default, zero turns it off.
         *
         * @param value the grace window, zero or more and shorter than the refresh token's time to live
         * @return this builder
         */
        public Builder refreshGraceWindow(Duration value) {
            this.refreshGraceWindow = once.set("refreshGraceWindow", value);
            return this;
        }

        /**
         * How long a remember-me series lives; 30 days by default.
         *
         * @param value how long a remember-me series lives
         * @return this builder
         */
        public Builder rememberMeLifetime(Duration value) {
            this.rememberMeLifetime = once.set("rememberMeLifetime", value);
            return this;
        }

        /**
         * The account changes after which the session that made them survives (under a new id)
         * while every other session and token ends; a password, email or MFA change by default.
         * None: every security event ends every session.
         *
         * @param events the events
         * @return this builder
         */
        public Builder keepCurrentSessionOn(SecurityEvent... events) {
            once.mark("keepCurrentSessionOn");
            this.keepCurrentOn = events.length == 0 ? EnumSet.noneOf(SecurityEvent.class) : EnumSet.copyOf(List.of(events));
            return this;
        }

        /**
         * Runs the retries of pending revocations on the application's scheduler instead of the
         * engine's own daemon thread; {@link LogoutEngine#close()} then leaves it running.
         *
         * @param value the scheduler
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService value) {
            this.scheduler = once.set("scheduler", value);
            return this;
        }

        /**
         * How long a revocation a store could not take is held and retried before it is dropped
         * with an ERROR line; 1 hour by default.
         *
         * @param value the pending revocation max age
         * @return this builder
         */
        public Builder pendingRevocationMaxAge(Duration value) {
            this.pendingRevocationMaxAge = once.set("pendingRevocationMaxAge", value);
            return this;
        }

        /**
         * The configured stores' own answer to "is this verified access token denylisted (by its id,
         * or by its grant's entry {@code AccessTokenId.ofGrant(grant)} when it names a grant), or
         * issued before its user's token state?" in one round trip, such as
         * {@code RedisTokenVersionStore::refuses} beside a {@code RedisAccessTokenDenylist} of the
         * same prefix: {@link LogoutEngine#checkAccessToken} asks it instead of the denylist and the
         * token-version store one after the other. It must answer for the same data as those two
         * stores and throw {@link dev.securelogout.core.spi.StoreException} when it cannot; none
         * by default.
         *
         * @param refuses the refuses
         * @return this builder
         */
        public Builder accessTokenCheck(Predicate<AccessTokenClaims> refuses) {
            this.accessTokenCheck = once.set("accessTokenCheck", refuses);
            return this;
        }

        /**
         * Validates the settings and builds the engine.
         *
         * @return the logout engine
         * @throws IllegalStateException naming the setting that is missing or out of range
         */
        public LogoutEngine build() {
            return new LogoutEngine(Settings.of(this));
        }
    }
}
