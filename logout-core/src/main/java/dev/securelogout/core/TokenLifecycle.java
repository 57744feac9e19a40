package dev.securelogout.core;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.Rotation;
import dev.securelogout.core.token.TokenKind;
import dev.securelogout.core.token.TokenState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token's life before its revocation: issue refresh and remember-me tokens, rotate them with
 * reuse detection, start a session from a remember-me token, and judge a verified access token.
 * Immutable and thread-safe.
 */
final class TokenLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(LogoutEngine.class);

    private final Settings settings;
    private final SessionLifecycle sessions;
    private final Logouts logouts;

    TokenLifecycle(Settings settings, SessionLifecycle sessions, Logouts logouts) {
        this.settings = settings;
        this.sessions = sessions;
        this.logouts = logouts;
    }

    IssuedToken issueRefreshToken(String userId) {
        return issue(TokenKind.REFRESH, userId, sessions.newHandle(), settings.refreshTokenTimeToLive(),
                settings.refreshFamilyLifetime(), Device.unknown());
    }

    IssuedToken issueRememberMe(Session session) {
        return issue(TokenKind.REMEMBER_ME, session.userId(), session.handle(), settings.rememberMeLifetime(),
                settings.rememberMeLifetime(), session.device());
    }

    RefreshResult refresh(String refreshToken, Device client) {
        return rotate(TokenKind.REFRESH, refreshToken, settings.refreshTokenTimeToLive(), client);
    }

    RememberMeLogin loginWithRememberMe(String rememberMeToken, Device device) {
        RefreshResult rotation = rotate(TokenKind.REMEMBER_ME, rememberMeToken, settings.rememberMeLifetime(), device);
        if (rotation.status() != RefreshResult.Status.ROTATED) {
            return new RememberMeLogin(rotation, Optional.empty());
        }
        try {
            PersistentToken token = rotation.token().orElseThrow().record();
            return new RememberMeLogin(rotation, Optional.of(sessions.start(token.userId(), device, token.familyId())));
        } catch (RuntimeException e) {
            LOG.warn("remember-me login unavailable: {}", e.toString());
            return new RememberMeLogin(RefreshResult.of(RefreshResult.Status.UNAVAILABLE), Optional.empty());
        }
    }

    AccessTokenStatus checkAccessToken(AccessTokenClaims claims) {
        if (!claims.expiresAt().isAfter(settings.clock().instant())) {
            return AccessTokenStatus.EXPIRED;
        }
        try {
            boolean refused = settings.accessTokenCheck().isPresent()
                    ? settings.pending().refuses(claims) || settings.accessTokenCheck().get().test(claims)
                    : settings.denylist().isDenied(claims.id()) || settings.versions().tokenState(claims.subject()).supersedes(claims);
            return refused ? AccessTokenStatus.REVOKED : AccessTokenStatus.ACTIVE;
        } catch (RuntimeException e) {
            LOG.warn("access token check unavailable: {}", e.toString());
            return AccessTokenStatus.UNAVAILABLE;
        }
    }

    TokenState tokenState(String userId) {
        return settings.versions().tokenState(userId);
    }

    private IssuedToken issue(TokenKind kind, String userId, String familyId, Duration timeToLive, Duration familyLifetime,
                              Device device) {
        Credential token = Credential.generate(userId, settings.random());
        Instant now = settings.clock().instant();
        Instant familyEnd = now.plus(familyLifetime);
        Instant end = now.plus(timeToLive);
        PersistentToken record = new PersistentToken(token.key(), kind, familyId, userId, now,
                end.isBefore(familyEnd) ? end : familyEnd, familyEnd, now, device);
        settings.tokens().issue(record);
        return new IssuedToken(token, record);
    }

    private RefreshResult rotate(TokenKind kind, String presented, Duration timeToLive, Device client) {
        Optional<Credential> token = Credential.parse(presented);
        if (token.isEmpty()) {
            return RefreshResult.of(RefreshResult.Status.REJECTED);
        }
        Credential successor = settings.hmac().successor(token.get());
        Rotation rotation;
        try {
            rotation = settings.tokens().rotate(kind, token.get().key(), successor.key(), settings.clock().instant(),
                    timeToLive, settings.refreshGraceWindow());
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
                LOG.warn("{} token reuse detected: family revoked", kind);
                logouts.reuseDetected(spent, client);
                return RefreshResult.of(RefreshResult.Status.REUSE_DETECTED);
            default:
                return RefreshResult.of(RefreshResult.Status.REJECTED);
        }
    }
}
