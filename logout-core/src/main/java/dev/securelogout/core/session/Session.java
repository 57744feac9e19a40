package dev.securelogout.core.session;

import dev.securelogout.core.credential.CredentialKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A server-side session as a store keeps it. Holds no raw secret: {@link #key()} is the digest of
 * the session id the client holds, {@link #handle()} a separate random name that is safe to show
 * (in a device list, an event, a URL) and can never be used as a credential.
 *
 * <p>A session is active until the earlier of its absolute expiry and its idle deadline
 * ({@code lastActiveAt + idleTimeout}); see {@link #expiresAt()}.
 *
 * <p><b>Device lineage.</b> The handle names the device: a session restored from that device's
 * remember-me series, or rotated from it, keeps the handle, so ending the device ends all of them.
 *
 * @param key             the digest of the session id
 * @param handle          public name of the session's device, 22 base64url characters
 * @param userId          whose session it is
 * @param createdAt       when it was started
 * @param lastActiveAt    when a request last used it (updated at most once per touch interval)
 * @param absoluteExpiry  the hard deadline, whatever the activity
 * @param idleTimeout     how long it survives without a request
 * @param device          the device as it signed in (its IP is the sign-in address)
 * @param authenticatedAt when the user last proved who they are on this device (a password, not a
 *                        remember-me restore): the start of the lineage, and the clock of
 *                        re-authentication
 * @param lastSeenIp      the client address of the last recorded request
 * @param provider        the identity provider's session it came from, when signed in through one
 */
public record Session(CredentialKey key, String handle, String userId, Instant createdAt, Instant lastActiveAt,
                      Instant absoluteExpiry, Duration idleTimeout, Device device, Instant authenticatedAt,
                      String lastSeenIp, Optional<ProviderSession> provider) {

    /**
     * Checks that every field is present and the times are in order.
     *
     * @param key the key
     * @param handle the session's handle
     * @param userId the user's id
     * @param createdAt when it was created
     * @param lastActiveAt when the session was last active
     * @param absoluteExpiry the absolute expiry
     * @param idleTimeout the idle timeout
     * @param device the device
     * @param authenticatedAt the authenticated at
     * @param lastSeenIp the last seen ip
     * @param provider the provider
     */
    public Session {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastActiveAt, "lastActiveAt");
        Objects.requireNonNull(absoluteExpiry, "absoluteExpiry");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(authenticatedAt, "authenticatedAt");
        Objects.requireNonNull(provider, "provider");
        lastSeenIp = Device.clean(lastSeenIp, Device.MAX_IP);
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
    }

    /**
     * A session just signed in with a password on {@code device}: authenticated at
     * {@code createdAt}, last seen at the device's address, from no provider.
     *
     * @param key the key
     * @param handle the session's handle
     * @param userId the user's id
     * @param createdAt when it was created
     * @param lastActiveAt when the session was last active
     * @param absoluteExpiry the absolute expiry
     * @param idleTimeout the idle timeout
     * @param device the device
     */
    public Session(CredentialKey key, String handle, String userId, Instant createdAt, Instant lastActiveAt,
                   Instant absoluteExpiry, Duration idleTimeout, Device device) {
        this(key, handle, userId, createdAt, lastActiveAt, absoluteExpiry, idleTimeout, device, createdAt,
                device.ip(), Optional.empty());
    }

    /**
     * The instant the session ends: the earlier of the absolute expiry and the idle deadline.
     *
     * @return the instant the session ends
     */
    public Instant expiresAt() {
        Instant idleDeadline = lastActiveAt.plus(idleTimeout);
        return idleDeadline.isBefore(absoluteExpiry) ? idleDeadline : absoluteExpiry;
    }

    /**
     * Whether the session is still alive at {@code now}.
     *
     * @param now the current instant
     * @return whether the session is still alive at {@code now}
     */
    public boolean isActiveAt(Instant now) {
        return now.isBefore(expiresAt());
    }

    /**
     * This session, last used at {@code at} from {@code ip}.
     *
     * @param at the instant
     * @param ip the client's IP address
     * @return this session, last used at {@code at} from {@code ip}
     */
    public Session touchedAt(Instant at, String ip) {
        return new Session(key, handle, userId, createdAt, at, absoluteExpiry, idleTimeout, device, authenticatedAt,
                ip, provider);
    }

    /**
     * This session, authenticated at {@code at}: after a re-authentication, or for a session
     * restored from a remember-me series whose lineage started then.
     *
     * @param at the instant
     * @return this session, authenticated at {@code at}
     */
    public Session withAuthenticatedAt(Instant at) {
        return new Session(key, handle, userId, createdAt, lastActiveAt, absoluteExpiry, idleTimeout, device, at,
                lastSeenIp, provider);
    }

    /**
     * This session under a new id (same handle, device, deadlines and lineage), for rotation.
     *
     * @param newKey the new key
     * @return this session under a new id
     */
    public Session withKey(CredentialKey newKey) {
        return new Session(newKey, handle, userId, createdAt, lastActiveAt, absoluteExpiry, idleTimeout, device,
                authenticatedAt, lastSeenIp, provider);
    }

    /**
     * This session, as coming from the provider session {@code from}.
     *
     * @param from the start
     * @return this session, as coming from the provider session {@code from}
     */
    public Session withProvider(ProviderSession from) {
        return new Session(key, handle, userId, createdAt, lastActiveAt, absoluteExpiry, idleTimeout, device,
                authenticatedAt, lastSeenIp, Optional.of(from));
    }
}
