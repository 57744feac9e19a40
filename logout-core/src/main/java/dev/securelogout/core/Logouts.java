package dev.securelogout.core;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.event.LogoutScope;
import dev.securelogout.core.event.LogoutStep;
import dev.securelogout.core.event.SessionNotice;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.TokenKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What each kind of logout ends on the server: one device, every device of a user, one device
 * from a list, one token, a reused token's lineage. Each runs its store calls as guarded
 * {@link Steps} and hands them to the {@link LogoutChain}; none reads before it deletes (the
 * stores' deletions return what they ended). Immutable and thread-safe.
 */
final class Logouts {

    /** Whether the user's current session survives a logout of all their sessions. */
    enum Keep {
        /** It ends with the others. */
        NONE,
        /** It survives under its id. */
        AS_IS,
        /** It survives under a new id (after an account change, against fixation). */
        ROTATED
    }

    private final Settings settings;
    private final SessionLifecycle sessions;
    private final LogoutChain chain;

    Logouts(Settings settings, SessionLifecycle sessions, LogoutChain chain) {
        this.settings = settings;
        this.sessions = sessions;
        this.chain = chain;
    }

    /**
     * The presenting device's logout: its session and every session of its lineage (the sessions
     * that share its handle, restored from its remember-me series), that series, the presented
     * remember-me and refresh families, and the presented access token.
     */
    LogoutOutcome logout(LogoutRequest request) {
        Steps steps = new Steps();
        Optional<CredentialKey> sessionKey = request.sessionKey();
        Optional<Session> ended = sessionKey.flatMap(key ->
                steps.run(LogoutStep.SESSION_STORE, () -> settings.sessions().delete(key), Optional.empty()));
        Optional<PersistentToken> rememberMe = revokeFamilyOf(steps, request.rememberMe());
        Optional<PersistentToken> refresh = revokeFamilyOf(steps, request.refreshToken());
        int sessionsEnded = ended.isPresent() ? 1 : 0;
        int tokensRevoked = (rememberMe.isPresent() ? 1 : 0) + (refresh.isPresent() ? 1 : 0);
        Map<String, String> devices = new LinkedHashMap<>();
        ended.ifPresent(s -> devices.put(s.handle(), s.userId()));
        rememberMe.filter(t -> t.kind() == TokenKind.REMEMBER_ME).ifPresent(t -> devices.put(t.familyId(), t.userId()));
        for (Map.Entry<String, String> device : devices.entrySet()) {
            sessionsEnded += steps.run(LogoutStep.SESSION_STORE,
                    () -> settings.sessions().deleteDevice(device.getValue(), device.getKey()).size(), 0);
            tokensRevoked += steps.run(LogoutStep.PERSISTENT_TOKEN_STORE,
                    () -> settings.tokens().revokeFamily(device.getValue(), device.getKey()), 0);
        }
        Optional<AccessTokenClaims> access = request.accessToken()
                .filter(claims -> claims.expiresAt().isAfter(settings.clock().instant()));
        tokensRevoked += access.map(claims -> steps.run(LogoutStep.ACCESS_TOKEN_DENYLIST, () -> {
            settings.denylist().deny(claims.id(), claims.expiresAt());
            return 1;
        }, 0)).orElse(0);
        Optional<String> userId = ended.map(Session::userId).or(() -> rememberMe.map(PersistentToken::userId))
                .or(() -> refresh.map(PersistentToken::userId)).or(() -> request.accessToken().map(AccessTokenClaims::subject));
        Optional<SessionNotice> notice = devices.entrySet().stream().findFirst()
                .map(d -> new SessionNotice(d.getValue(), LogoutReason.USER_LOGOUT, LogoutScope.SESSION, Optional.of(d.getKey())));
        return chain.finish(steps, new LogoutChain.Report("logout", LogoutReason.USER_LOGOUT, LogoutScope.SESSION, userId,
                sessionKey, sessionsEnded, tokensRevoked, request.client(), notice, Optional.empty()),
                LogoutChain.Client.CLEARED, Optional.empty());
    }

    /**
     * Ends every session and token of {@code userId}, {@code current} too unless kept, and advances
     * the user's token state so that every access token issued before is refused.
     */
    LogoutOutcome endAll(String userId, LogoutReason reason, Optional<Session> current, Keep keep, Device client,
                         Optional<LogoutEvent.Admin> admin) {
        Objects.requireNonNull(userId, "userId");
        Optional<Session> kept = keep == Keep.NONE ? Optional.empty() : current;
        Optional<CredentialKey> keptKey = kept.map(Session::key);
        Steps steps = new Steps();
        Instant now = settings.clock().instant();
        int sessionsEnded = steps.run(LogoutStep.SESSION_STORE, () -> settings.sessions().deleteAllOfUser(userId, keptKey), 0);
        int tokensRevoked = steps.run(LogoutStep.PERSISTENT_TOKEN_STORE, () -> settings.tokens().revokeAllOfUser(userId), 0);
        steps.run(LogoutStep.TOKEN_VERSION_STORE, () -> settings.versions().advance(userId, now));
        Optional<NewSession> replacement = keep == Keep.ROTATED
                ? kept.flatMap(s -> steps.run(LogoutStep.SESSION_STORE, () -> Optional.of(sessions.rotate(s)), Optional.empty()))
                : Optional.empty();
        LogoutScope scope = kept.isPresent() ? LogoutScope.ALL_BUT_CURRENT : LogoutScope.ALL_SESSIONS;
        SessionNotice notice = new SessionNotice(userId, reason, scope, kept.map(Session::handle));
        return chain.finish(steps, new LogoutChain.Report("logout everywhere", reason, scope, Optional.of(userId),
                current.map(Session::key), sessionsEnded, tokensRevoked, client, Optional.of(notice), admin),
                current.isPresent() && kept.isEmpty() ? LogoutChain.Client.CLEARED : LogoutChain.Client.KEPT, replacement);
    }

    /**
     * Ends {@code userId}'s device {@code handle}: its sessions and its remember-me series. The
     * client is cleared when {@code current} was among them.
     */
    LogoutOutcome revokeDevice(String userId, String handle, Optional<Session> current, LogoutReason reason, Device client,
                               Optional<LogoutEvent.Admin> admin) {
        Steps steps = new Steps();
        List<Session> ended = steps.run(LogoutStep.SESSION_STORE, () -> settings.sessions().deleteDevice(userId, handle), List.of());
        int revoked = steps.run(LogoutStep.PERSISTENT_TOKEN_STORE, () -> settings.tokens().revokeFamily(userId, handle), 0);
        boolean endedCurrent = current.isPresent() && ended.stream().anyMatch(s -> s.key().equals(current.get().key()));
        Optional<SessionNotice> notice = ended.isEmpty() && revoked == 0 ? Optional.empty()
                : Optional.of(new SessionNotice(userId, reason, LogoutScope.SESSION, Optional.of(handle)));
        return chain.finish(steps, new LogoutChain.Report("session revocation", reason, LogoutScope.SESSION,
                Optional.of(userId), ended.stream().findFirst().map(Session::key), ended.size(), revoked, client, notice, admin),
                endedCurrent ? LogoutChain.Client.CLEARED : LogoutChain.Client.KEPT, Optional.empty());
    }

    /** Revokes one presented token (RFC 7009): a refresh or remember-me token's family, or an access token. */
    LogoutOutcome revokeToken(Optional<Credential> token, Optional<AccessTokenClaims> access, Device client) {
        Steps steps = new Steps();
        Optional<PersistentToken> family = revokeFamilyOf(steps, token);
        Optional<AccessTokenClaims> live = access.filter(claims -> claims.expiresAt().isAfter(settings.clock().instant()));
        int denied = live.map(claims -> steps.run(LogoutStep.ACCESS_TOKEN_DENYLIST, () -> {
            settings.denylist().deny(claims.id(), claims.expiresAt());
            return 1;
        }, 0)).orElse(0);
        Optional<String> userId = family.map(PersistentToken::userId).or(() -> access.map(AccessTokenClaims::subject));
        return chain.finish(steps, new LogoutChain.Report("token revocation", LogoutReason.TOKEN_REVOKED,
                LogoutScope.TOKEN_FAMILY, userId, Optional.empty(), 0, (family.isPresent() ? 1 : 0) + denied, client,
                Optional.empty(), Optional.empty()), LogoutChain.Client.KEPT, Optional.empty());
    }

    /** After a spent token came back: its family is revoked by the store; a remember-me series' device ends too. */
    void reuseDetected(PersistentToken spent, Device client) {
        Steps steps = new Steps();
        int ended = spent.kind() == TokenKind.REMEMBER_ME
                ? steps.run(LogoutStep.SESSION_STORE, () -> settings.sessions().deleteDevice(spent.userId(), spent.familyId()).size(), 0)
                : 0;
        chain.finish(steps, new LogoutChain.Report("token reuse", LogoutReason.TOKEN_REUSE, LogoutScope.TOKEN_FAMILY,
                Optional.of(spent.userId()), Optional.empty(), ended, 1, client, Optional.empty(), Optional.empty()),
                LogoutChain.Client.KEPT, Optional.empty());
    }

    private Optional<PersistentToken> revokeFamilyOf(Steps steps, Optional<Credential> token) {
        return token.flatMap(t -> steps.run(LogoutStep.PERSISTENT_TOKEN_STORE,
                () -> settings.tokens().revokeFamilyOf(t.key()), Optional.empty()));
    }
}
