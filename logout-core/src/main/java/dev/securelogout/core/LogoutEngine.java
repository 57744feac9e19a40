package dev.securelogout.core;

import dev.securelogout.core.cookie.ClearSiteData;
import dev.securelogout.core.cookie.CookieClearer;
import dev.securelogout.core.cookie.CookieSpec;
import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.credential.Hmac;
import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.spi.LogoutListener;
import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.event.LogoutScope;
import dev.securelogout.core.event.SessionNotice;
import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.Rotation;
import dev.securelogout.core.token.TokenKind;
import dev.securelogout.core.token.TokenState;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one object every adapter calls: starts and checks sessions, logs out of one device or of
 * all, lists and revokes a user's sessions, reacts to security events, and rotates and revokes
 * tokens.
 *
 * <p><b>Order.</b> Every logout invalidates server-side first (sessions, then tokens), then
 * notifies the user's other clients and the listeners, then describes what the client must do.
 * Each step runs even when an earlier one failed; a failure yields the same client instructions,
 * a failed outcome and one ERROR log line, never an exception to the caller.
 *
 * <p><b>Authentication.</b> Methods that take a {@link Session} act for that session's user: the
 * adapter obtains it from {@link #check}, so a user can only ever reach their own sessions.
 *
 * <p>Built once with {@link #builder()}, immutable and thread-safe.
 */
public final class LogoutEngine {

    private static final Logger LOG = LoggerFactory.getLogger(LogoutEngine.class);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String SESSION_STORE = "session-store";
    private static final String TOKEN_REVOKER = "token-revoker";
    private static final Duration PENDING_RETRY_INTERVAL = Duration.ofSeconds(1);

    private final SessionStore sessions;
    private final PersistentTokenStore tokens;
    private final AccessTokenDenylist denylist;
    private final TokenVersionStore versions;
    private final SessionNotifier notifier;
    private final List<LogoutListener> listeners;
    private final CookieClearer cookieClearer;
    private final Set<ClearSiteData> clearSiteData;
    private final CookieSpec sessionCookie;
    private final CookieSpec rememberMeCookie;
    private final String logoutRedirect;
    private final Clock clock;
    private final Hmac hmac;
    private final SecureRandom random;
    private final Duration idleTimeout;
    private final Duration absoluteTimeout;
    private final Duration touchInterval;
    private final Duration refreshTokenTimeToLive;
    private final Duration refreshFamilyLifetime;
    private final Duration refreshGraceWindow;
    private final Duration rememberMeLifetime;
    private final SecurityEventPolicy policy;
    private final PendingRevocations pending;

    private LogoutEngine(Builder b, SessionStore sessions, PersistentTokenStore tokens, AccessTokenDenylist denylist,
                         TokenVersionStore versions, CookieClearer cookieClearer) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.denylist = denylist;
        this.versions = versions;
        this.notifier = b.notifier;
        this.listeners = List.copyOf(b.listeners);
        this.cookieClearer = cookieClearer;
        this.clearSiteData = Set.copyOf(b.clearSiteData);
        this.sessionCookie = b.sessionCookie;
        this.rememberMeCookie = b.rememberMeCookie;
        this.logoutRedirect = b.logoutRedirect;
        this.clock = b.clock;
        this.hmac = b.hmac;
        this.random = b.random;
        this.idleTimeout = b.idleTimeout;
        this.absoluteTimeout = b.absoluteTimeout;
        this.touchInterval = b.touchInterval;
        this.refreshTokenTimeToLive = b.refreshTokenTimeToLive;
        this.refreshFamilyLifetime = b.refreshFamilyLifetime;
        this.refreshGraceWindow = b.refreshGraceWindow;
        this.rememberMeLifetime = b.rememberMeLifetime;
        this.policy = b.policy;
        this.pending = new PendingRevocations(clock, PENDING_RETRY_INTERVAL);
    }

    /** A builder; stores are required (or {@link Builder#inMemory()}). */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- sessions

    /**
     * Starts a session for {@code userId} (after the application authenticated them).
     *
     * @throws StoreException when the store cannot register it: the login must fail
     */
    public NewSession startSession(String userId, Device device) {
        return startSession(userId, device, randomHandle());
    }

    private NewSession startSession(String userId, Device device, String handle) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(device, "device");
        pending.retryIfDue();
        Credential id = Credential.generate(userId, random);
        Instant now = clock.instant();
        Session session = new Session(id.key(), handle, userId, now, now, now.plus(absoluteTimeout),
                idleTimeout, device);
        sessions.register(session, SessionLimit.NONE);
        return new NewSession(id, session);
    }

    /**
     * The hot path of every protected request: is the session with this raw id alive? Records
     * activity at most once per touch interval. Never throws: a store failure is
     * {@link SessionCheck.Status#UNAVAILABLE}.
     */
    public SessionCheck check(String sessionId) {
        Optional<Credential> id = Credential.parse(sessionId);
        if (id.isEmpty()) {
            return SessionCheck.of(SessionCheck.Status.INVALID);
        }
        try {
            pending.retryIfDue();
            Optional<Session> found = sessions.find(id.get().key());
            Instant now = clock.instant();
            if (found.isEmpty() || !found.get().isActiveAt(now) || pending.refuses(found.get())) {
                return SessionCheck.of(SessionCheck.Status.INVALID);
            }
            Session session = found.get();
            if (Duration.between(session.lastActiveAt(), now).compareTo(touchInterval) >= 0) {
                if (!sessions.touch(session.key(), now, session.lastSeenIp())) {
                    return SessionCheck.of(SessionCheck.Status.INVALID);
                }
                session = session.touchedAt(now, session.lastSeenIp());
            }
            return SessionCheck.active(session);
        } catch (RuntimeException e) {
            LOG.warn("session check unavailable: {}", e.toString());
            return SessionCheck.of(SessionCheck.Status.UNAVAILABLE);
        }
    }

    /**
     * The active sessions of {@code current}'s user, most recently active first.
     *
     * @throws StoreException when the store cannot answer
     */
    public List<Session> sessionsOf(Session current) {
        List<Session> list = new ArrayList<>(sessions.findByUser(current.userId()));
        Instant now = clock.instant();
        list.removeIf(s -> !s.isActiveAt(now));
        list.sort(Comparator.comparing(Session::lastActiveAt).reversed().thenComparing(Session::handle));
        return List.copyOf(list);
    }

    /**
     * Ends the device named {@code handle}, when it is one of {@code current}'s user's own: its
     * session and its remember-me series (which shares the handle), so that it cannot sign itself
     * back in. A handle of another user's session reads as {@link RevokeResult#NOT_FOUND}.
     */
    public RevokeResult revokeSession(Session current, String handle, Device client) {
        List<Session> targets;
        try {
            targets = sessionsWithHandle(current.userId(), handle);
        } catch (RuntimeException e) {
            LOG.warn("session revocation unavailable: {}", e.toString());
            return RevokeResult.UNAVAILABLE;
        }
        if (targets.isEmpty()) {
            return RevokeResult.NOT_FOUND;
        }
        Steps steps = new Steps();
        int ended = deleteAll(steps, targets);
        int revoked = steps.run(TOKEN_REVOKER, () -> tokens.revokeFamily(current.userId(), handle), 0);
        finish(steps, "session revocation", LogoutReason.REVOKED_BY_USER, LogoutScope.SESSION,
                Optional.of(current.userId()), Optional.of(targets.get(0).key()), ended, revoked, client,
                Optional.of(notice(current.userId(), LogoutReason.REVOKED_BY_USER, LogoutScope.SESSION, targets.get(0))));
        if (!steps.failed().isEmpty()) {
            return RevokeResult.UNAVAILABLE;
        }
        return targets.stream().anyMatch(s -> s.key().equals(current.key())) ? RevokeResult.REVOKED_CURRENT : RevokeResult.REVOKED;
    }

    /** The active sessions of {@code userId} named {@code handle}: one, or those a remember-me series started. */
    private List<Session> sessionsWithHandle(String userId, String handle) {
        return sessions.findByUser(userId).stream().filter(s -> s.handle().equals(handle)).toList();
    }

    /** Deletes each session as its own step; returns how many active ones ended. */
    private int deleteAll(Steps steps, List<Session> targets) {
        int ended = 0;
        for (Session session : targets) {
            ended += steps.run(SESSION_STORE, () -> sessions.delete(session.key()).isPresent(), false) ? 1 : 0;
        }
        return ended;
    }

    /**
     * Gives {@code current} a new id, keeping its handle, device and deadlines: after a login or
     * privilege change, against session fixation.
     *
     * @throws StoreException when the store cannot do it; the old id may then still be valid
     */
    public NewSession rotateSession(Session current) {
        Credential id = Credential.generate(current.userId(), random);
        Session rotated = current.withKey(id.key());
        sessions.register(rotated, SessionLimit.NONE);
        sessions.delete(current.key());
        return new NewSession(id, rotated);
    }

    // ---------------------------------------------------------------- logout

    /**
     * Logs the presenting client out: deletes its session, revokes its remember-me series and the
     * refresh-token family it presented, denylists its access token until that token's expiry.
     * Whatever was presented, valid or not, the client instructions are the same.
     */
    public LogoutOutcome logout(LogoutRequest request) {
        pending.retryIfDue();
        Steps steps = new Steps();
        Instant now = clock.instant();
        Optional<CredentialKey> sessionKey = request.sessionId().map(Credential::key);
        Optional<Session> session = sessionKey.flatMap(key -> steps.run(SESSION_STORE, () -> sessions.find(key), Optional.empty()));
        int sessionsEnded = sessionKey.map(key -> revoke(steps, new PendingRevocations.Pending(SESSION_STORE,
                now.plus(absoluteTimeout), () -> sessions.delete(key).isPresent() ? 1 : 0,
                s -> s.key().equals(key), token -> false, claims -> false))).orElse(0);
        int tokensRevoked = 0;
        for (Optional<Credential> token : List.of(request.rememberMe(), request.refreshToken())) {
            tokensRevoked += token.map(t -> revoke(steps, new PendingRevocations.Pending(TOKEN_REVOKER,
                    now.plus(longestTokenLifetime()), () -> tokens.revokeFamilyOf(t.key()).isPresent() ? 1 : 0,
                    s -> false, key -> key.equals(t.key()), claims -> false))).orElse(0);
        }
        Optional<AccessTokenClaims> access = request.accessToken();
        if (access.isPresent() && access.get().expiresAt().isAfter(now)) {
            AccessTokenClaims denied = access.get();
            tokensRevoked += revoke(steps, new PendingRevocations.Pending(TOKEN_REVOKER, denied.expiresAt(), () -> {
                denylist.deny(denied.id(), denied.expiresAt());
                return 1;
            }, s -> false, key -> false, claims -> claims.id().equals(denied.id())));
        }
        Optional<String> userId = session.map(Session::userId).or(() -> access.map(AccessTokenClaims::subject));
        Optional<SessionNotice> notice = session.map(s -> notice(s.userId(), LogoutReason.USER_LOGOUT, LogoutScope.SESSION, s));
        return withClientCleared(finish(steps, "logout", LogoutReason.USER_LOGOUT, LogoutScope.SESSION, userId,
                sessionKey, sessionsEnded, tokensRevoked, request.client(), notice));
    }

    /**
     * Ends every session and token of {@code current}'s user, the current session too unless
     * {@code keepCurrent}; advances the user's token state so that every access token issued
     * before is refused; tells the user's other clients.
     */
    public LogoutOutcome logoutEverywhere(Session current, boolean keepCurrent, Device client) {
        return endAll(current.userId(), LogoutReason.LOGOUT_EVERYWHERE, Optional.of(current),
                keepCurrent ? Keep.AS_IS : Keep.NONE, client);
    }

    /**
     * Ends every session and token of {@code userId} for a client that holds no session (an API
     * client authenticated by its access token), and tells the user's other clients.
     */
    public LogoutOutcome logoutEverywhere(String userId, Device client) {
        return endAll(userId, LogoutReason.LOGOUT_EVERYWHERE, Optional.empty(), Keep.NONE, client);
    }

    /**
     * Applies the {@link SecurityEventPolicy} to {@code event} on {@code userId}'s account: every
     * other session and token ends; {@code current}, when it is that user's and the policy keeps
     * it, survives under a new id ({@link LogoutOutcome#replacement()}).
     */
    public LogoutOutcome onSecurityEvent(SecurityEvent event, String userId, Optional<Session> current, Device client) {
        Optional<Session> own = current.filter(s -> s.userId().equals(userId));
        boolean keep = own.isPresent() && policy.keepsCurrent(event);
        return endAll(userId, event.reason(), own, keep ? Keep.ROTATED : Keep.NONE, client);
    }

    /** An administrator ends every session and token of {@code userId}. */
    public LogoutOutcome endAllSessions(String userId, Device administrator) {
        return endAll(userId, LogoutReason.ADMIN, Optional.empty(), Keep.NONE, administrator);
    }

    private enum Keep { NONE, AS_IS, ROTATED }

    private LogoutOutcome endAll(String userId, LogoutReason reason, Optional<Session> current, Keep keep, Device client) {
        Objects.requireNonNull(userId, "userId");
        pending.retryIfDue();
        Optional<Session> kept = keep == Keep.NONE ? Optional.empty() : current;
        Optional<CredentialKey> keptKey = kept.map(Session::key);
        Steps steps = new Steps();
        Instant now = clock.instant();
        int sessionsEnded = revoke(steps, new PendingRevocations.Pending(SESSION_STORE, now.plus(absoluteTimeout),
                () -> sessions.deleteAllOfUser(userId, keptKey),
                s -> s.userId().equals(userId) && !s.createdAt().isAfter(now) && !keptKey.equals(Optional.of(s.key())),
                token -> false, claims -> false));
        String partition = Credential.partitionOf(userId);
        int tokensRevoked = revoke(steps, new PendingRevocations.Pending(TOKEN_REVOKER, now.plus(longestTokenLifetime()),
                () -> tokens.revokeAllOfUser(userId), s -> false, key -> key.partition().equals(partition), claims -> false));
        revoke(steps, new PendingRevocations.Pending(TOKEN_REVOKER, now.plus(longestTokenLifetime()), () -> {
            versions.advance(userId, now);
            return 0;
        }, s -> false, key -> false, claims -> claims.subject().equals(userId) && claims.issuedAt().isBefore(now)));
        Optional<NewSession> replacement = keep == Keep.ROTATED
                ? kept.flatMap(s -> steps.run(SESSION_STORE, () -> Optional.of(rotateSession(s)), Optional.empty()))
                : Optional.empty();
        LogoutScope scope = kept.isPresent() ? LogoutScope.ALL_BUT_CURRENT : LogoutScope.ALL_SESSIONS;
        SessionNotice notice = new SessionNotice(userId, reason, scope, kept.map(Session::handle));
        LogoutOutcome outcome = finish(steps, "logout everywhere", reason, scope, Optional.of(userId),
                current.map(Session::key), sessionsEnded, tokensRevoked, client, Optional.of(notice));
        if (kept.isPresent()) {
            return new LogoutOutcome(outcome.event(), outcome.failedSteps(), List.of(), Set.of(),
                    outcome.redirectTo(), replacement);
        }
        return current.isPresent() ? withClientCleared(outcome) : outcome;
    }

    // ---------------------------------------------------------------- tokens

    /**
     * Issues a refresh token, the first of a new family.
     *
     * @throws StoreException when it cannot be stored
     */
    public IssuedToken issueRefreshToken(String userId) {
        return issue(TokenKind.REFRESH, userId, randomHandle(), refreshTokenTimeToLive, refreshFamilyLifetime, Device.unknown());
    }

    /**
     * Rotates a refresh token: the presented one is spent, its successor returned. A spent token
     * presented again revokes its family and publishes a {@link LogoutReason#TOKEN_REUSE} event,
     * unless it comes inside the grace window, when the same successor is returned again.
     */
    public RefreshResult refresh(String refreshToken, Device client) {
        return rotate(TokenKind.REFRESH, refreshToken, refreshTokenTimeToLive, client);
    }

    /**
     * Issues a remember-me token for the device of {@code session}, the first of a new series. The
     * series is named by the session's handle, and so are the sessions it later starts: the device
     * list shows them as one device, and revoking that device ends the series too.
     *
     * @throws StoreException when it cannot be stored
     */
    public IssuedToken issueRememberMe(Session session) {
        return issue(TokenKind.REMEMBER_ME, session.userId(), session.handle(), rememberMeLifetime, rememberMeLifetime,
                session.device());
    }

    /**
     * Starts a session from a remember-me token, rotating the token within its series. A spent
     * token presented again (theft) revokes the series and ends the sessions it started.
     */
    public RememberMeLogin loginWithRememberMe(String rememberMeToken, Device device) {
        RefreshResult rotation = rotate(TokenKind.REMEMBER_ME, rememberMeToken, rememberMeLifetime, device);
        if (rotation.status() != RefreshResult.Status.ROTATED) {
            return new RememberMeLogin(rotation, Optional.empty());
        }
        try {
            PersistentToken token = rotation.token().orElseThrow().record();
            return new RememberMeLogin(rotation, Optional.of(startSession(token.userId(), device, token.familyId())));
        } catch (RuntimeException e) {
            LOG.warn("remember-me login unavailable: {}", e.toString());
            return new RememberMeLogin(RefreshResult.of(RefreshResult.Status.UNAVAILABLE), Optional.empty());
        }
    }

    /**
     * May a verified access token be used? Refused when denylisted, when issued before the user's
     * last logout everywhere, or past its expiry. Never throws.
     */
    public AccessTokenStatus checkAccessToken(AccessTokenClaims claims) {
        if (!claims.expiresAt().isAfter(clock.instant())) {
            return AccessTokenStatus.EXPIRED;
        }
        try {
            pending.retryIfDue();
            if (pending.refuses(claims) || denylist.isDenied(claims.id()) || versions.tokenState(claims.subject()).supersedes(claims)) {
                return AccessTokenStatus.REVOKED;
            }
            return AccessTokenStatus.ACTIVE;
        } catch (RuntimeException e) {
            LOG.warn("access token check unavailable: {}", e.toString());
            return AccessTokenStatus.UNAVAILABLE;
        }
    }

    /**
     * The user's token state; embed its version in new access tokens so that a logout everywhere
     * refuses them exactly.
     *
     * @throws StoreException when the store cannot answer
     */
    public TokenState tokenState(String userId) {
        return versions.tokenState(userId);
    }

    private IssuedToken issue(TokenKind kind, String userId, String familyId, Duration timeToLive, Duration familyLifetime,
                              Device device) {
        Credential token = Credential.generate(userId, random);
        Instant now = clock.instant();
        Instant familyEnd = now.plus(familyLifetime);
        Instant end = now.plus(timeToLive);
        PersistentToken record = new PersistentToken(token.key(), kind, familyId, userId, now,
                end.isBefore(familyEnd) ? end : familyEnd, familyEnd, now, device);
        tokens.issue(record);
        return new IssuedToken(token, record);
    }

    private RefreshResult rotate(TokenKind kind, String presented, Duration timeToLive, Device client) {
        Optional<Credential> token = Credential.parse(presented);
        if (token.isEmpty()) {
            return RefreshResult.of(RefreshResult.Status.REJECTED);
        }
        Credential successor = token.get().successor(hmac);
        Rotation rotation;
        try {
            pending.retryIfDue();
            if (pending.refuses(token.get().key())) {
                return RefreshResult.of(RefreshResult.Status.REJECTED);
            }
            rotation = tokens.rotate(kind, token.get().key(), successor.key(), clock.instant(), timeToLive, refreshGraceWindow);
        } catch (RuntimeException e) {
            LOG.warn("token rotation unavailable: {}", e.toString());
            return RefreshResult.of(RefreshResult.Status.UNAVAILABLE);
        }
        switch (rotation.status()) {
            case ROTATED:
            case REPLAYED_IN_GRACE:
                return RefreshResult.rotated(new IssuedToken(successor, rotation.token().orElseThrow()));
            case REUSE_DETECTED:
                PersistentToken spent = rotation.token().orElseThrow();
                LOG.warn("{} token reuse detected for user {}: family revoked", kind, spent.userId());
                Steps steps = new Steps();
                int ended = kind == TokenKind.REMEMBER_ME
                        ? steps.run(SESSION_STORE, () -> deleteAll(steps, sessionsWithHandle(spent.userId(), spent.familyId())), 0)
                        : 0;
                finish(steps, "token reuse", LogoutReason.TOKEN_REUSE, LogoutScope.TOKEN_FAMILY,
                        Optional.of(spent.userId()), Optional.empty(), ended, 1, client, Optional.empty());
                return RefreshResult.of(RefreshResult.Status.REUSE_DETECTED);
            default:
                return RefreshResult.of(RefreshResult.Status.REJECTED);
        }
    }

    // ---------------------------------------------------------------- configuration the adapters need

    /** The cookie that carries the session id: adapters read and write it through this spec. */
    public CookieSpec sessionCookie() {
        return sessionCookie;
    }

    /** The cookie that carries the remember-me token. */
    public CookieSpec rememberMeCookie() {
        return rememberMeCookie;
    }

    /** How long a remember-me cookie lives. */
    public Duration rememberMeLifetime() {
        return rememberMeLifetime;
    }

    /** The engine's clock. */
    public Clock clock() {
        return clock;
    }

    // ---------------------------------------------------------------- internals

    private SessionNotice notice(String userId, LogoutReason reason, LogoutScope scope, Session session) {
        return new SessionNotice(userId, reason, scope, Optional.of(session.handle()));
    }

    /** Notifies, publishes the event to every listener, logs failures: the steps after invalidation. */
    private LogoutOutcome finish(Steps steps, String operation, LogoutReason reason, LogoutScope scope,
                                 Optional<String> userId, Optional<CredentialKey> presented, int sessionsEnded,
                                 int tokensRevoked, Device client, Optional<SessionNotice> notice) {
        notice.ifPresent(n -> steps.run("notifier", () -> notifier.publish(n)));
        LogoutEvent event = new LogoutEvent(clock.instant(), reason, scope, userId, presented.map(hmac::auditDigest),
                sessionsEnded, tokensRevoked, client.ip(), client.userAgent(), steps.failed());
        for (LogoutListener listener : listeners) {
            steps.run("listener", () -> listener.onLogout(event));
        }
        steps.report(LOG, operation);
        return new LogoutOutcome(event, steps.failed(), List.of(), Set.of(), logoutRedirect, Optional.empty());
    }

    /**
     * Runs a revocation as a step; when it fails, this node refuses what it covers and retries it
     * until the store takes it.
     */
    private int revoke(Steps steps, PendingRevocations.Pending revocation) {
        Integer done = steps.run(revocation.step(), revocation.retry(), null);
        if (done == null) {
            pending.add(revocation);
            return 0;
        }
        return done;
    }

    private Duration longestTokenLifetime() {
        return refreshFamilyLifetime.compareTo(rememberMeLifetime) > 0 ? refreshFamilyLifetime : rememberMeLifetime;
    }

    private String randomHandle() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** The outcome's client half: every credential cookie deleted, the site data cleared. */
    private LogoutOutcome withClientCleared(LogoutOutcome outcome) {
        return new LogoutOutcome(outcome.event(), outcome.failedSteps(), cookieClearer.clearingHeaders(),
                clearSiteData, outcome.redirectTo(), outcome.replacement());
    }

    /** Builds a {@link LogoutEngine}; settings are validated by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private SessionStore sessionStore;
        private PersistentTokenStore persistentTokenStore;
        private AccessTokenDenylist accessTokenDenylist;
        private TokenVersionStore tokenVersionStore;
        private boolean inMemory;
        private SessionNotifier notifier = InMemoryStores.notifier();
        private final List<LogoutListener> listeners = new ArrayList<>(List.of(new AuditLogListener()));
        private CookieClearer cookieClearer;
        private final List<CookieSpec> alsoClear = new ArrayList<>();
        private boolean hostOnlyTwins;
        private List<String> formerDomains = List.of();
        private Set<ClearSiteData> clearSiteData = EnumSet.of(ClearSiteData.COOKIES, ClearSiteData.STORAGE);
        private CookieSpec sessionCookie = CookieSpec.named("__Host-sid").build();
        private CookieSpec rememberMeCookie = CookieSpec.named("__Host-remember").build();
        private String logoutRedirect = "/login";
        private Clock clock = Clock.systemUTC();
        private Hmac hmac;
        private SecureRandom random = new SecureRandom();
        private Duration idleTimeout = Duration.ofMinutes(30);
        private Duration absoluteTimeout = Duration.ofHours(12);
        private Duration touchInterval = Duration.ofMinutes(1);
        private Duration refreshTokenTimeToLive = Duration.ofDays(14);
        private Duration refreshFamilyLifetime = Duration.ofDays(30);
        private Duration refreshGraceWindow = Duration.ZERO;
        private Duration rememberMeLifetime = Duration.ofDays(30);
        private SecurityEventPolicy policy = SecurityEventPolicy.defaults();

        private Builder() {
        }

        /** The session store (required, unless {@link #inMemory()}). */
        public Builder sessionStore(SessionStore value) {
            this.sessionStore = Objects.requireNonNull(value, "sessionStore");
            return this;
        }

        /** The refresh and remember-me token store (required, unless {@link #inMemory()}). */
        public Builder persistentTokenStore(PersistentTokenStore value) {
            this.persistentTokenStore = Objects.requireNonNull(value, "persistentTokenStore");
            return this;
        }

        /** The access-token denylist (required, unless {@link #inMemory()}). */
        public Builder accessTokenDenylist(AccessTokenDenylist value) {
            this.accessTokenDenylist = Objects.requireNonNull(value, "accessTokenDenylist");
            return this;
        }

        /** The per-user token versions (required, unless {@link #inMemory()}). */
        public Builder tokenVersionStore(TokenVersionStore value) {
            this.tokenVersionStore = Objects.requireNonNull(value, "tokenVersionStore");
            return this;
        }

        /** Uses the in-memory stores on the engine's clock: one node, nothing to run. */
        public Builder inMemory() {
            this.inMemory = true;
            return this;
        }

        /** Tells a user's live clients that their sessions ended; in-memory (this node) by default. */
        public Builder notifier(SessionNotifier value) {
            this.notifier = Objects.requireNonNull(value, "notifier");
            return this;
        }

        /** Adds a listener; the {@link AuditLogListener} is there by default. */
        public Builder listener(LogoutListener value) {
            this.listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /** Removes every listener, the audit log included (then add your own). */
        public Builder noListeners() {
            this.listeners.clear();
            return this;
        }

        /** The session cookie; {@code __Host-sid}, Secure, HttpOnly, SameSite=Lax by default. */
        public Builder sessionCookie(CookieSpec value) {
            this.sessionCookie = Objects.requireNonNull(value, "sessionCookie");
            return this;
        }

        /** The remember-me cookie; {@code __Host-remember} by default. */
        public Builder rememberMeCookie(CookieSpec value) {
            this.rememberMeCookie = Objects.requireNonNull(value, "rememberMeCookie");
            return this;
        }

        /** More cookies that logout deletes (token cookies, CSRF cookies, app state). */
        public Builder alsoClear(CookieSpec... values) {
            this.alsoClear.addAll(List.of(values));
            return this;
        }

        /** Also delete the host-only twin of every Domain cookie; off by default. */
        public Builder clearHostOnlyTwins(boolean value) {
            this.hostOnlyTwins = value;
            return this;
        }

        /** Also delete the cookies on these former Domains (after a domain move). */
        public Builder clearFormerDomains(String... domains) {
            this.formerDomains = List.of(domains);
            return this;
        }

        /** Replaces the standard cookie clearer; cannot be combined with the three settings above. */
        public Builder cookieClearer(CookieClearer value) {
            this.cookieClearer = Objects.requireNonNull(value, "cookieClearer");
            return this;
        }

        /** The {@code Clear-Site-Data} directives; "cookies" and "storage" by default. */
        public Builder clearSiteData(Set<ClearSiteData> value) {
            this.clearSiteData = Set.copyOf(value);
            return this;
        }

        /** The same-site path the browser goes to after logout; "/login" by default. */
        public Builder logoutRedirect(String path) {
            this.logoutRedirect = Objects.requireNonNull(path, "logoutRedirect");
            return this;
        }

        /** The clock; the system UTC clock by default. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The HMAC key for audit digests and rotation; random by default. Nodes that share stores share it. */
        public Builder secretKey(byte[] key) {
            this.hmac = Hmac.of(key);
            return this;
        }

        /** The source of credentials; a new {@link SecureRandom} by default. */
        public Builder random(SecureRandom value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /** How long a session survives without a request; 30 minutes by default. */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = Objects.requireNonNull(value, "idleTimeout");
            return this;
        }

        /** How long a session lives at most; 12 hours by default. */
        public Builder absoluteTimeout(Duration value) {
            this.absoluteTimeout = Objects.requireNonNull(value, "absoluteTimeout");
            return this;
        }

        /** How often a check records activity; 1 minute by default, less than the idle timeout. */
        public Builder touchInterval(Duration value) {
            this.touchInterval = Objects.requireNonNull(value, "touchInterval");
            return this;
        }

        /** How long a refresh token lives unused; 14 days by default. */
        public Builder refreshTokenTimeToLive(Duration value) {
            this.refreshTokenTimeToLive = Objects.requireNonNull(value, "refreshTokenTimeToLive");
            return this;
        }

        /** How long a refresh-token family lives whatever the rotations; 30 days by default. */
        public Builder refreshFamilyLifetime(Duration value) {
            this.refreshFamilyLifetime = Objects.requireNonNull(value, "refreshFamilyLifetime");
            return this;
        }

        /**
         * How long after a rotation the spent token still yields the same successor (a second tab
         * that raced the rotation) instead of tripping reuse detection; zero (off) by default.
         */
        public Builder refreshGraceWindow(Duration value) {
            this.refreshGraceWindow = Objects.requireNonNull(value, "refreshGraceWindow");
            return this;
        }

        /** How long a remember-me series lives; 30 days by default. */
        public Builder rememberMeLifetime(Duration value) {
            this.rememberMeLifetime = Objects.requireNonNull(value, "rememberMeLifetime");
            return this;
        }

        /** Which security events keep the current session; {@link SecurityEventPolicy#defaults()} by default. */
        public Builder securityEventPolicy(SecurityEventPolicy value) {
            this.policy = Objects.requireNonNull(value, "securityEventPolicy");
            return this;
        }

        /**
         * Validates the settings and builds the engine.
         *
         * @throws IllegalStateException naming the setting that is missing or out of range
         */
        public LogoutEngine build() {
            boolean anyStore = sessionStore != null || persistentTokenStore != null || accessTokenDenylist != null
                    || tokenVersionStore != null;
            if (inMemory && anyStore) {
                throw new IllegalStateException("inMemory() cannot be combined with a store");
            }
            if (!inMemory) {
                required("sessionStore", sessionStore);
                required("persistentTokenStore", persistentTokenStore);
                required("accessTokenDenylist", accessTokenDenylist);
                required("tokenVersionStore", tokenVersionStore);
            }
            positive("idleTimeout", idleTimeout);
            positive("absoluteTimeout", absoluteTimeout);
            positive("touchInterval", touchInterval);
            positive("refreshTokenTimeToLive", refreshTokenTimeToLive);
            positive("refreshFamilyLifetime", refreshFamilyLifetime);
            positive("rememberMeLifetime", rememberMeLifetime);
            if (touchInterval.compareTo(idleTimeout) >= 0) {
                throw new IllegalStateException("touchInterval must be shorter than idleTimeout");
            }
            if (refreshGraceWindow.isNegative() || refreshGraceWindow.compareTo(refreshTokenTimeToLive) >= 0) {
                throw new IllegalStateException("refreshGraceWindow must be zero or more and shorter than refreshTokenTimeToLive");
            }
            if (!logoutRedirect.startsWith("/") || logoutRedirect.startsWith("//") || logoutRedirect.startsWith("/\\")
                    || logoutRedirect.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new IllegalStateException("logoutRedirect must be a same-site path such as /login");
            }
            if (cookieClearer != null && (!alsoClear.isEmpty() || hostOnlyTwins || !formerDomains.isEmpty())) {
                throw new IllegalStateException("cookieClearer cannot be combined with alsoClear, clearHostOnlyTwins or clearFormerDomains");
            }
            if (hmac == null) {
                hmac = Hmac.random(random);
            }
            List<CookieSpec> specs = new ArrayList<>(List.of(sessionCookie, rememberMeCookie));
            specs.addAll(alsoClear);
            CookieClearer clearer = cookieClearer != null ? cookieClearer : CookieClearer.of(specs, hostOnlyTwins, formerDomains);
            return new LogoutEngine(this,
                    inMemory ? InMemoryStores.sessionStore(clock) : sessionStore,
                    inMemory ? InMemoryStores.persistentTokenStore(clock) : persistentTokenStore,
                    inMemory ? InMemoryStores.accessTokenDenylist(clock) : accessTokenDenylist,
                    inMemory ? InMemoryStores.tokenVersionStore() : tokenVersionStore,
                    clearer);
        }

        private static void required(String name, Object value) {
            if (value == null) {
                throw new IllegalStateException(name + " is required (or inMemory() for one node)");
            }
        }

        private static void positive(String name, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalStateException(name + " must be positive");
            }
        }
    }
}
