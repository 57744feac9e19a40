package dev.securelogout.core;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.event.LogoutScope;
import dev.securelogout.core.event.LogoutStep;
import dev.securelogout.core.event.SessionNotice;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.TokenKind;
import java.time.Instant;
import java.util.ArrayList;
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
        Optional<PersistentToken> rememberMe = revokeFamilyOf(steps, request.rememberMe());
        Optional<PersistentToken> refresh = revokeFamilyOf(steps, request.refreshToken());
        Optional<Session> ended = sessionKey.flatMap(key ->
                steps.run(LogoutStep.SESSION_STORE, () -> settings.sessions().delete(key), Optional.empty()));
        int sessionsEnded = ended.isPresent() ? 1 : 0;
        int tokensRevoked = (rememberMe.isPresent() ? 1 : 0) + (refresh.isPresent() ? 1 : 0);
        Map<String, String> devices = new LinkedHashMap<>();
        ended.ifPresent(s -> devices.put(s.handle(), s.userId()));
        rememberMe.filter(t -> t.kind() == TokenKind.REMEMBER_ME).ifPresent(t -> devices.put(t.familyId(), t.userId()));
        for (Map.Entry<String, String> device : devices.entrySet()) {
            tokensRevoked += steps.run(LogoutStep.PERSISTENT_TOKEN_STORE,
                    () -> settings.tokens().revokeFamily(device.getValue(), device.getKey()), 0);
            sessionsEnded += steps.run(LogoutStep.SESSION_STORE,
                    () -> settings.sessions().deleteDevice(device.getValue(), device.getKey()).size(), 0);
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
        steps.run(LogoutStep.TOKEN_VERSION_STORE, () -> settings.versions().advance(userId, now));
        int tokensRevoked = steps.run(LogoutStep.PERSISTENT_TOKEN_STORE, () -> settings.tokens().revokeAllOfUser(userId), 0);
        int sessionsEnded = steps.run(LogoutStep.SESSION_STORE, () -> settings.sessions().deleteAllOfUser(userId, keptKey), 0);
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
     * Ends the sessions that came from {@code providerSession}, the other sessions of their
     * devices and those devices' remember-me series (whose refresh grants are refused), and tells
     * each device's pages; with {@code userId}, first advances that user's token state.
     */
    LogoutOutcome endProviderSession(ProviderSession providerSession, Optional<String> userId, Device client) {
        Steps steps = new Steps();
        Instant now = settings.clock().instant();
        userId.ifPresent(user -> steps.run(LogoutStep.TOKEN_VERSION_STORE, () -> settings.versions().advance(user, now)));
        List<Session> ended = new ArrayList<>(steps.run(LogoutStep.SESSION_STORE,
                () -> settings.sessions().deleteByProviderSession(providerSession), List.of()));
        Map<String, String> devices = new LinkedHashMap<>();
        ended.forEach(s -> devices.put(s.handle(), s.userId()));
        int revoked = 0;
        List<SessionNotice> notices = new ArrayList<>();
        for (Map.Entry<String, String> device : devices.entrySet()) {
            int series = steps.run(LogoutStep.PERSISTENT_TOKEN_STORE,
                    () -> settings.tokens().revokeFamily(device.getValue(), device.getKey()), 0);
            if (series > 0) {
                denyGrant(steps, device.getKey());
            }
            revoked += series;
            ended.addAll(steps.run(LogoutStep.SESSION_STORE,
                    () -> settings.sessions().deleteDevice(device.getValue(), device.getKey()), List.of()));
            notices.add(new SessionNotice(device.getValue(), LogoutReason.PROVIDER_LOGOUT, LogoutScope.SESSION,
                    Optional.of(device.getKey())));
        }
        for (SessionNotice more : notices.subList(Math.min(1, notices.size()), notices.size())) {
            steps.run(LogoutStep.NOTIFIER, () -> settings.notifier().publish(more));
        }
        Optional<String> user = userId.or(() -> ended.stream().findFirst().map(Session::userId));
        return chain.finish(steps, new LogoutChain.Report("provider logout", LogoutReason.PROVIDER_LOGOUT,
                LogoutScope.SESSION, user, Optional.empty(), ended.size(), revoked, client, notices.stream().findFirst(),
                Optional.empty()), LogoutChain.Client.KEPT, Optional.empty());
    }

    /**
     * Ends {@code userId}'s device {@code handle}: its sessions and its remember-me series. The
     * client is cleared when {@code current} was among them.
     */
    LogoutOutcome revokeDevice(String userId, String handle, Optional<Session> current, LogoutReason reason, Device client,
                               Optional<LogoutEvent.Admin> admin) {
        return endDevice(userId, handle, current, reason, client, admin, List.of());
    }

    /**
     * After a sign-in beyond the user's session limit: the devices of the sessions the store
     * evicted end entirely (their remember-me series too, so that they cannot sign back in), their
     * pages are told, and each is audited as {@link LogoutReason#SESSION_LIMIT}.
     */
    void evicted(List<Session> evicted, Device client) {
        for (Session session : evicted) {
            endDevice(session.userId(), session.handle(), Optional.empty(), LogoutReason.SESSION_LIMIT, client,
                    Optional.empty(), List.of(session));
        }
    }

    /**
     * A session its store removed at its idle or absolute deadline: audited (and counted) as
     * {@link LogoutReason#EXPIRED}, named by its audit digest, from its device's last-seen
     * address. Its device's remember-me series and pages are left alone: a restore on that device
     * carries the same handle and is not over.
     */
    void expired(Session session) {
        Device device = session.device();
        chain.finish(new Steps(), new LogoutChain.Report("session expiry", LogoutReason.EXPIRED, LogoutScope.SESSION,
                Optional.of(session.userId()), Optional.of(session.key()), 1, 0,
                new Device(device.browser(), device.os(), session.lastSeenIp(), device.userAgent()), Optional.empty(),
                Optional.empty()), LogoutChain.Client.KEPT, Optional.empty());
    }

    private LogoutOutcome endDevice(String userId, String handle, Optional<Session> current, LogoutReason reason,
                                    Device client, Optional<LogoutEvent.Admin> admin, List<Session> alreadyEnded) {
        Steps steps = new Steps();
        int revoked = steps.run(LogoutStep.PERSISTENT_TOKEN_STORE, () -> settings.tokens().revokeFamily(userId, handle), 0);
        if (revoked > 0) {
            denyGrant(steps, handle);
        }
        List<Session> ended = new ArrayList<>(alreadyEnded);
        ended.addAll(steps.run(LogoutStep.SESSION_STORE, () -> settings.sessions().deleteDevice(userId, handle), List.of()));
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
        denyGrant(steps, spent.familyId());
        int ended = spent.kind() == TokenKind.REMEMBER_ME
                ? steps.run(LogoutStep.SESSION_STORE, () -> settings.sessions().deleteDevice(spent.userId(), spent.familyId()).size(), 0)
                : 0;
        chain.finish(steps, new LogoutChain.Report("token reuse", LogoutReason.TOKEN_REUSE, LogoutScope.TOKEN_FAMILY,
                Optional.of(spent.userId()), Optional.empty(), ended, 1, client, Optional.empty(), Optional.empty()),
                LogoutChain.Client.KEPT, Optional.empty());
    }

    /**
     * Revokes the family of {@code token}; a refresh family's access tokens are refused at once
     * (their grant is denylisted), not at their expiry.
     */
    private Optional<PersistentToken> revokeFamilyOf(Steps steps, Optional<Credential> token) {
        Optional<PersistentToken> family = token.flatMap(t -> steps.run(LogoutStep.PERSISTENT_TOKEN_STORE,
                () -> settings.tokens().revokeFamilyOf(t.key()), Optional.empty()));
        family.filter(t -> t.kind() == TokenKind.REFRESH).ifPresent(t -> denyGrant(steps, t.familyId()));
        return family;
    }

    /** Refuses every access token minted from the family {@code familyId} for as long as one can live. */
    private void denyGrant(Steps steps, String familyId) {
        Instant until = settings.clock().instant().plus(settings.accessTokenLifetime());
        steps.run(LogoutStep.ACCESS_TOKEN_DENYLIST, () -> settings.denylist().deny(AccessTokenId.ofGrant(familyId), until));
    }
}
