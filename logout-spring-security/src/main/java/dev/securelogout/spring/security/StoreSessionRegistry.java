package dev.securelogout.spring.security;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.RevokeResult;
import dev.securelogout.core.event.LogoutEvent;
import dev.securelogout.core.session.Device;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.spi.StoreException;
import java.io.Serial;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Spring Security's {@link SessionRegistry} over the library's session store, so that what is
 * built on it ({@code sessionManagement().maximumSessions(n)}, an admin screen) sees every node's
 * sessions. Thread-safe.
 *
 * <ul>
 * <li>{@link #getAllSessions} lists the user's active sessions in the store, least recently
 *     active first; each {@link SessionInformation}'s id is the session's public handle.</li>
 * <li>{@link SessionInformation#expireNow()} on one of them ends that session in the store
 *     (with its remember-me series), on every node, at once: {@code maximumSessions(n)} ends the
 *     oldest device instead of flagging an object only this node can see.</li>
 * <li>The library starts sessions itself at login, so {@link #registerNewSession},
 *     {@link #refreshLastRequest} and {@link #removeSessionInformation} (keyed by container
 *     session ids) do nothing, {@link #getSessionInformation} knows no container id, and
 *     {@link #getAllPrincipals} is empty: a shared store is not enumerated.</li>
 * </ul>
 */
public final class StoreSessionRegistry implements SessionRegistry {

    /** The device named in the audit line of a session that {@code maximumSessions} ended. */
    static final Device REGISTRY = Device.of("Spring Security SessionRegistry", "");
    /** Who ended it, in the audit line ({@code reason=ADMIN}). */
    static final LogoutEvent.Admin MAXIMUM_SESSIONS = new LogoutEvent.Admin("spring-security", "maximumSessions exceeded");

    private final LogoutEngine engine;

    /**
     * The registry over the sessions of {@code engine}'s store, through its {@link LogoutEngine#admin()} view.
     *
     * @param engine the logout engine
     */
    public StoreSessionRegistry(LogoutEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** Empty: a store shared by many nodes is not enumerated. */
    @Override
    public List<Object> getAllPrincipals() {
        return List.of();
    }

    /**
     * The active sessions of {@code principal}'s user, least recently active first, in a list the caller may sort.
     *
     * @throws StoreUnavailableException when the store cannot answer (a login then fails with 503)
     */
    @Override
    public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
        List<Session> sessions;
        try {
            sessions = engine.admin().sessionsOf(userId(principal));
        } catch (StoreException e) {
            throw new StoreUnavailableException(e);
        }
        return sessions.stream()
                .sorted(Comparator.comparing(Session::lastActiveAt).thenComparing(Session::handle))
                .map(s -> (SessionInformation) new StoreSessionInformation(principal, s, engine))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** None: container session ids are not the library's. */
    @Override
    public @Nullable SessionInformation getSessionInformation(String sessionId) {
        return null;
    }

    @Override
    public void refreshLastRequest(String sessionId) {
        // the store records activity when it checks a session
    }

    @Override
    public void registerNewSession(String sessionId, Object principal) {
        // the session is started in the store by SessionSecurityContextRepository at login
    }

    @Override
    public void removeSessionInformation(String sessionId) {
        // sessions end through the engine (logout, revoke, expireNow), never by container id
    }

    /** The user id Spring's principal stands for: a user name, a principal's name, or the string itself. */
    static String userId(Object principal) {
        if (principal instanceof UserDetails user) {
            return user.getUsername();
        }
        if (principal instanceof AuthenticatedPrincipal authenticated) {
            return authenticated.getName();
        }
        if (principal instanceof Principal named) {
            return named.getName();
        }
        return String.valueOf(principal);
    }

    /** One session of the store; {@link #expireNow()} ends it everywhere. */
    static final class StoreSessionInformation extends SessionInformation {

        @Serial
        private static final long serialVersionUID = 1L;

        private final transient Session session;
        private final transient LogoutEngine engine;

        StoreSessionInformation(Object principal, Session session, LogoutEngine engine) {
            super(principal, session.handle(), Date.from(session.lastActiveAt()));
            this.session = session;
            this.engine = engine;
        }

        /**
         * Ends the session in the store, with its remember-me series, audited as an administrator's
         * change ({@link #MAXIMUM_SESSIONS}).
         *
         * @throws StoreUnavailableException when the store cannot end it (a login then fails with 503)
         */
        @Override
        public void expireNow() {
            super.expireNow();
            if (engine.admin().revokeSession(session.userId(), session.handle(), MAXIMUM_SESSIONS, REGISTRY) == RevokeResult.UNAVAILABLE) {
                throw new StoreUnavailableException();
            }
        }
    }
}
