package dev.securelogout.core.session;

import dev.securelogout.core.StoreException;
import dev.securelogout.core.credential.CredentialKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The authoritative registry of server-side sessions. A session that is not here is not a
 * session, whatever cookie the client presents.
 *
 * <p><b>Expiry.</b> A session whose {@link Session#expiresAt()} has passed, by the store's clock,
 * is never returned, listed, counted or touched; whether and when its record is physically
 * removed is the store's business, but it must not grow without bound.
 *
 * <p><b>Ordering.</b> Every method is linearizable per session, and {@link #deleteAllOfUser} is
 * atomic against {@link #register}: a session registered before the delete began does not survive
 * it. No method recreates a deleted session ({@link #touch} of a deleted session is a no-op).
 *
 * <p><b>Thread-safety and failure.</b> Implementations are thread-safe. Any failure to reach or
 * use the backing store is a {@link StoreException} with the cause; no method returns a guess.
 * Deleting what is not there is not a failure.
 *
 * <p>Prove an implementation by extending {@code SessionStoreContract} from {@code logout-tck}.
 */
public interface SessionStore {

    /** Stores a new session. A session with the same key must not exist. */
    void register(Session session);

    /** The active session under {@code key}, if any. */
    Optional<Session> find(CredentialKey key);

    /** All active sessions of {@code userId}, in no particular order. */
    List<Session> findByUser(String userId);

    /**
     * Records activity; returns false, and changes nothing, when no active session has that key
     * (it was deleted or has expired meanwhile).
     */
    boolean touch(CredentialKey key, Instant lastActiveAt);

    /** Deletes the session; true when an active session was removed. */
    boolean delete(CredentialKey key);

    /**
     * Deletes every session of {@code userId}, except the one under {@code keep} when present.
     *
     * @return how many active sessions were removed
     */
    int deleteAllOfUser(String userId, Optional<CredentialKey> keep);
}
