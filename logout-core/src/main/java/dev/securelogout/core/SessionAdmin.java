package dev.securelogout.core;

import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.event.LogoutReason;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.token.PersistentToken;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The operator's view of every user's sessions, for a support tool or an admin console: list any
 * user's sessions, end one of them by its handle, end all of them. Unlike the engine's
 * self-service calls, which take the caller's own {@link Session}, these take a user id: the
 * adapter must put them behind its own authorisation check. Every change is audited with
 * {@link LogoutReason#ADMIN}, the administrator's id and their stated reason
 * ({@link LogoutEvent#admin()}). Obtained from {@link LogoutEngine#admin()}; immutable and
 * thread-safe.
 */
public final class SessionAdmin {

    private final SessionLifecycle sessions;
    private final TokenLifecycle tokens;
    private final Logouts logouts;

    SessionAdmin(SessionLifecycle sessions, TokenLifecycle tokens, Logouts logouts) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.logouts = logouts;
    }

    /**
     * The active sessions of {@code userId}, most recently active first.
     *
     * @param userId the user's id
     * @return the active sessions of {@code userId}, most recently active first
     * @throws dev.securelogout.core.spi.StoreException when the store cannot answer
     */
    public List<Session> sessionsOf(String userId) {
        return sessions.list(Objects.requireNonNull(userId, "userId"));
    }

    /**
     * The API clients of {@code userId}: one refresh-token family each (its newest active
     * generation), revoked with {@link #revokeSession} under its family id.
     *
     * @param userId whose clients
     * @return the clients, the longest signed in first
     * @throws dev.securelogout.core.spi.StoreException when the store cannot answer
     */
    public List<PersistentToken> apiClientsOf(String userId) {
        return tokens.apiClients(Objects.requireNonNull(userId, "userId"));
    }

    /**
     * Ends {@code userId}'s device {@code handle}: its sessions and its remember-me series; the
     * user's pages on that device are told. A handle that is not one of that user's reads as
     * {@link RevokeResult#NOT_FOUND}.
     *
     * @param userId the user's id
     * @param handle the session's handle
     * @param by the by
     * @param client the client
     * @return the revoke result
     */
    public RevokeResult revokeSession(String userId, String handle, LogoutEvent.Admin by, Device client) {
        Objects.requireNonNull(by, "by");
        return RevokeResult.of(logouts.revokeDevice(Objects.requireNonNull(userId, "userId"), handle, Optional.empty(),
                LogoutReason.ADMIN, client, Optional.of(by)));
    }

    /**
     * Ends every session and token of {@code userId}, advances the user's token state so that
     * every access token issued before is refused, and tells the user's live clients. The
     * outcome's client instructions are empty: the administrator's own client keeps its session.
     *
     * @param userId the user's id
     * @param by the by
     * @param client the client
     * @return the logout outcome
     */
    public LogoutOutcome endAllSessions(String userId, LogoutEvent.Admin by, Device client) {
        Objects.requireNonNull(by, "by");
        return logouts.endAll(userId, LogoutReason.ADMIN, Optional.empty(), Logouts.Keep.NONE, client, Optional.of(by));
    }
}
