package dev.securelogout.core;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.token.AccessTokenClaims;
import dev.securelogout.core.token.PersistentToken;
import dev.securelogout.core.token.Rotation;
import dev.securelogout.core.token.TokenKind;
import dev.securelogout.core.token.AccessTokenId;
import dev.securelogout.core.token.TokenState;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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

    IssuedToken issueRefreshToken(String userId, Device device) {
        return issue(TokenKind.REFRESH, userId, sessions.newHandle(), settings.refreshTokenTimeToLive(),
                settings.refreshFamilyLifetime(), device);
    }

    IssuedToken issueRememberMe(Session session) {
        return issue(TokenKind.REMEMBER_ME, session.userId(), session.handle(), settings.rememberMeLifetime(),
                settings.rememberMeLifetime(), session.device());
    }

    RefreshResult refresh(String refreshToken, Device client) {
        return rotate(TokenKind.REFRESH, refreshToken, settings.refreshTokenTimeToLive(), client);
    }

    /**
     * Rotates the series, starts the session on the series' device, then re-checks: a session whose
     * series was revoked, or whose lineage the user's last logout everywhere ended, while it was
     * being written is deleted again and refused, so that no restore outlives a logout it raced.
     */
    RememberMeLogin loginWithRememberMe(String rememberMeToken, Device device) {
        RefreshResult rotation = rotate(TokenKind.REMEMBER_ME, rememberMeToken, settings.rememberMeLifetime(), device);
        if (rotation.status() != RefreshResult.Status.ROTATED) {
            return new RememberMeLogin(rotation, Optional.empty());
        }
        IssuedToken issued = rotation.token().orElseThrow();
        PersistentToken token = issued.record();
        try {
            NewSession session = sessions.restore(token, device);
            if (settings.tokens().find(issued.token().key()).isEmpty() || endedBy(tokenState(token.userId()), token)) {
                settings.sessions().delete(session.session().key());
                LOG.info("remember-me restore undone: its device was logged out while it ran");
                return new RememberMeLogin(RefreshResult.of(RefreshResult.Status.REJECTED), Optional.empty());
            }
            return new RememberMeLogin(rotation, Optional.of(session));
        } catch (RuntimeException e) {
            LOG.debug("remember-me login unavailable: {}", e.toString()); // the store outage log says it once
            return new RememberMeLogin(RefreshResult.of(RefreshResult.Status.UNAVAILABLE), Optional.empty());
        }
    }

    AccessTokenStatus checkAccessToken(AccessTokenClaims claims) {
        if (!claims.expiresAt().isAfter(settings.clock().instant())) {
            return AccessTokenStatus.EXPIRED;
        }
        try {
            // the combined check answers for the grant's entry too: the whole check in one round trip
            boolean refused = settings.accessTokenCheck().isPresent()
                    ? settings.pending().refuses(claims) || settings.accessTokenCheck().get().test(claims)
                    : settings.denylist().isDenied(claims.id()) || settings.versions().tokenState(claims.subject()).supersedes(claims)
                            || claims.grant().isPresent() && settings.denylist().isDenied(AccessTokenId.ofGrant(claims.grant().get()));
            return refused ? AccessTokenStatus.REVOKED : AccessTokenStatus.ACTIVE;
        } catch (RuntimeException e) {
            LOG.debug("access token check unavailable: {}", e.toString()); // the store outage log says it once
            return AccessTokenStatus.UNAVAILABLE;
        }
    }

    /** {@code userId}'s refresh-token families, oldest first: their API clients. */
    List<PersistentToken> apiClients(String userId) {
        return settings.tokens().findByUser(userId).stream().filter(t -> t.kind() == TokenKind.REFRESH)
                .sorted(Comparator.comparing(PersistentToken::familyIssuedAt).thenComparing(PersistentToken::familyId))
                .toList();
    }

    TokenState tokenState(String userId) {
        return settings.versions().tokenState(userId);
    }

    /**
     * Re-reads the user's token state after the rotation was written: a family whose lineage
     * started before the user's last logout everywhere is refused (that logout revokes it in the
     * store too); otherwise the successor carries the state read, whose version the access token
     * minted from it embeds.
     */
    private RefreshResult afterRotation(IssuedToken rotated) {
        PersistentToken record = rotated.record();
        TokenState state;
        try {
            state = tokenState(record.userId());
        } catch (RuntimeException e) {
            LOG.debug("token rotation unavailable: {}", e.toString()); // the store outage log says it once
            return RefreshResult.of(RefreshResult.Status.UNAVAILABLE);
        }
        if (endedBy(state, record)) {
            LOG.info("{} token rotation refused: its lineage predates the user's last logout everywhere", record.kind());
            return RefreshResult.of(RefreshResult.Status.REJECTED);
        }
        return RefreshResult.rotated(new IssuedToken(rotated.token(), record, state));
    }

    /**
     * Whether {@code state} came from a logout everywhere at or after the start of {@code token}'s
     * lineage (a tie counts as before: stores keep times to the microsecond).
     */
    private static boolean endedBy(TokenState state, PersistentToken token) {
        return !state.notBefore().isBefore(token.familyIssuedAt());
    }

    private IssuedToken issue(TokenKind kind, String userId, String familyId, Duration timeToLive, Duration familyLifetime,
                              Device device) {
        // the state is read before the family starts: a store that starts its not-before lazily (the
        // Redis epoch of a new or emptied namespace) then starts it before this family, not after
        TokenState state = tokenState(userId);
        Credential token = settings.hmac().newCredential(userId, settings.random());
        Instant now = settings.clock().instant();
        Instant familyEnd = now.plus(familyLifetime);
        Instant end = now.plus(timeToLive);
        PersistentToken record = new PersistentToken(token.key(), kind, familyId, userId, now,
                end.isBefore(familyEnd) ? end : familyEnd, familyEnd, now, device);
        settings.tokens().issue(record);
        return new IssuedToken(token, record, state);
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
            LOG.debug("token rotation unavailable: {}", e.toString()); // the store outage log says it once
            return RefreshResult.of(RefreshResult.Status.UNAVAILABLE);
        }
        switch (rotation.status()) {
            case ROTATED:
            case REPLAYED_IN_GRACE:
                return afterRotation(new IssuedToken(successor, rotation.token().orElseThrow(), TokenState.INITIAL));
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
