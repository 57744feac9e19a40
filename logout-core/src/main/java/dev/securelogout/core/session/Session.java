package dev.securelogout.core.session;

import dev.securelogout.core.credential.CredentialKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A server-side session as a store keeps it. Holds no raw secret: {@link #key()} is the digest of
 * the session id the client holds, {@link #handle()} a separate random name that is safe to show
 * (in a device list, an event, a URL) and can never be used as a credential.
 *
 * <p>A session is active until the earlier of its absolute expiry and its idle deadline
 * ({@code lastActiveAt + idleTimeout}); see {@link #expiresAt()}.
 *
 * @param key              the digest of the session id
 * @param handle           public name of the session, 22 base64url characters
 * @param userId           whose session it is
 * @param createdAt        when it was started
 * @param lastActiveAt     when a request last used it (updated at most once per touch interval)
 * @param absoluteExpiry   the hard deadline, whatever the activity
 * @param idleTimeout      how long it survives without a request
 * @param device           what a person needs to recognise the device
 */
public record Session(CredentialKey key, String handle, String userId, Instant createdAt, Instant lastActiveAt,
                      Instant absoluteExpiry, Duration idleTimeout, Device device) {

    /** Checks that every field is present and the times are in order. */
    public Session {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastActiveAt, "lastActiveAt");
        Objects.requireNonNull(absoluteExpiry, "absoluteExpiry");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(device, "device");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
    }

    /** The instant the session ends: the earlier of the absolute expiry and the idle deadline. */
    public Instant expiresAt() {
        Instant idleDeadline = lastActiveAt.plus(idleTimeout);
        return idleDeadline.isBefore(absoluteExpiry) ? idleDeadline : absoluteExpiry;
    }

    /** Whether the session is still alive at {@code now}. */
    public boolean isActiveAt(Instant now) {
        return now.isBefore(expiresAt());
    }

    /** This session, last used at {@code at}. */
    public Session touchedAt(Instant at) {
        return new Session(key, handle, userId, createdAt, at, absoluteExpiry, idleTimeout, device);
    }

    /** This session under a new id (same handle, device and deadlines), for rotation. */
    public Session withKey(CredentialKey newKey) {
        return new Session(newKey, handle, userId, createdAt, lastActiveAt, absoluteExpiry, idleTimeout, device);
    }
}
