package dev.securelogout.core.spi;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.ProviderSession;
import dev.securelogout.core.session.Registration;
import dev.securelogout.core.session.Session;
import dev.securelogout.core.session.SessionLimit;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The authoritative registry of server-side sessions. A session that is not here is not a
 * session, whatever cookie the client presents.
 *
 * <p><b>Expiry.</b> A session whose {@link Session#expiresAt()} has passed, by the store's clock,
 * is never returned, listed, counted, touched or evicted; whether and when its record is
 * physically removed is the store's business, but it must not grow without bound. A store that
 * observes an expiry (its purge removes the record, or a read finds it past its deadline) reports
 * it once to the listeners of {@link #onExpiry}.
 *
 * <p><b>Ordering.</b> Every method is linearizable per session. {@link #deleteAllOfUser},
 * {@link #deleteDevice} and {@link #deleteByProviderSession} are atomic against {@link #register}:
 * a session registered before the delete began does not survive it. {@link #register} is atomic
 * per user against other registrations, so a {@link SessionLimit} holds across nodes. No method
 * recreates a deleted session ({@link #touch} of a deleted session is a no-op).
 *
 * <p><b>Thread-safety and failure.</b> Implementations are thread-safe. Any failure to reach or
 * use the backing store is a {@link StoreException} with the cause; no method returns a guess.
 * Deleting what is not there is not a failure.
 *
 * <p>Prove an implementation by extending {@code SessionStoreContract} from {@code logout-tck}.
 */
public interface SessionStore {

    /**
     * Stores a new session (no session with the same key exists) unless its user already holds
     * {@code limit.maximum()} active sessions: then, by {@code limit.onExceed()}, either the user's
     * least recently active sessions are deleted to make room, or nothing changes and the
     * registration is refused.
     *
     * @param session the session
     * @param limit the limit
     * @return the registration
     * @throws IllegalStateException when a session with the same key is already stored (a caller's
     *                               bug, not a backend failure: nothing changes)
     */
    Registration register(Session session, SessionLimit limit);

    /**
     * The active session under {@code key}, if any.
     *
     * @param key the session's key
     * @return the active session under {@code key}, if any
     */
    Optional<Session> find(CredentialKey key);

    /**
     * The session under {@code key} if it is active at {@code now}, the caller's reading of the
     * stores' clock: the per-request check reads the clock once and hands it here. The default
     * filters {@link #find(CredentialKey)} by {@link Session#isActiveAt}; a store that checks the
     * deadline itself may override it to do so once, at {@code now}.
     *
     * @param key the session's key
     * @param now the current instant
     * @return the session under {@code key}, if it is active at {@code now}
     */
    default Optional<Session> find(CredentialKey key, Instant now) {
        return find(key).filter(session -> session.isActiveAt(now));
    }

    /**
     * All active sessions of {@code userId}, in no particular order.
     *
     * @param userId the user's id
     * @return all active sessions of {@code userId}, in no particular order
     */
    List<Session> findByUser(String userId);

    /**
     * Records activity at {@code lastActiveAt} from the client address {@code ip}; returns false,
     * and changes nothing, when no active session has that key (deleted or expired meanwhile).
     *
     * @param key the session's key
     * @param lastActiveAt when the session was last active
     * @param ip the client's IP address
     * @return whether an active session had that key
     */
    boolean touch(CredentialKey key, Instant lastActiveAt, String ip);

    /**
     * Records that the user proved who they are again at {@code at}; returns false, and changes
     * nothing, when no active session has that key.
     *
     * @param key the session's key
     * @param at the instant
     * @return whether an active session had that key
     */
    boolean reauthenticate(CredentialKey key, Instant at);

    /**
     * Deletes the session under {@code key}; returns it when an active session was removed.
     *
     * @param key the session's key
     * @return the removed session, when an active one was
     */
    Optional<Session> delete(CredentialKey key);

    /**
     * Deletes every session of {@code userId}'s device {@code handle}: the sessions that share the
     * handle (rotated from it, or restored from its remember-me series). Another user's sessions
     * are never touched, whatever their handle.
     *
     * @param userId the user's id
     * @param handle the session's handle
     * @return the active sessions removed
     */
    List<Session> deleteDevice(String userId, String handle);

    /**
     * Deletes every session of {@code userId}, except the one under {@code keep} when present.
     *
     * @param userId the user's id
     * @param keep the keep
     * @return how many active sessions were removed
     */
    int deleteAllOfUser(String userId, Optional<CredentialKey> keep);

    /**
     * Deletes every session that came from the identity provider's session {@code providerSession},
     * whichever user it belongs to.
     *
     * @param providerSession the provider session
     * @return the active sessions removed
     */
    List<Session> deleteByProviderSession(ProviderSession providerSession);

    /**
     * Adds {@code listener}, told once of each session this store removes because its idle or
     * absolute deadline passed, after the removal; never of an explicit delete. The engine adds
     * its own when it is built, to audit expiries. The default observes nothing and ignores the
     * listener: a store that implements it says in its documentation which expiries it observes.
     *
     * @param listener the listener
     */
    default void onExpiry(SessionExpiryListener listener) {
        Objects.requireNonNull(listener, "listener");
    }
}
