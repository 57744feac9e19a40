package dev.securelogout.core.token;

import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.session.Device;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A long-lived token as a {@code PersistentTokenStore} keeps it: a refresh token or a remember-me token.
 * Holds the digest of the token, never the token. Tokens rotate on every use; all generations of
 * one token share a family, which ends at {@link #familyExpiresAt()} whatever the rotations.
 *
 * @param key             the digest of the token
 * @param kind            refresh or remember-me
 * @param familyId        the rotation family (for remember-me: the series), 22 base64url characters
 * @param userId          whose token it is
 * @param issuedAt        when this generation was issued
 * @param expiresAt       when this generation expires unused
 * @param familyExpiresAt when the whole family ends, the absolute lifetime
 * @param familyIssuedAt  when the first generation was issued: the start of the family's lineage
 *                        (the user proved who they are then)
 * @param device          the device the family was issued to (for an API client, its user agent and address)
 */
public record PersistentToken(CredentialKey key, TokenKind kind, String familyId, String userId, Instant issuedAt,
                              Instant expiresAt, Instant familyExpiresAt, Instant familyIssuedAt, Device device) {

    /**
     * Checks presence and that no generation outlives its family.
     *
     * @param key the key
     * @param kind the kind
     * @param familyId the token family's id
     * @param userId the user's id
     * @param issuedAt when it was issued
     * @param expiresAt when it expires
     * @param familyExpiresAt the family expires at
     * @param familyIssuedAt the family issued at
     * @param device the device
     */
    public PersistentToken {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(familyExpiresAt, "familyExpiresAt");
        Objects.requireNonNull(familyIssuedAt, "familyIssuedAt");
        Objects.requireNonNull(device, "device");
        if (expiresAt.isAfter(familyExpiresAt)) {
            throw new IllegalArgumentException("a token cannot outlive its family");
        }
    }

    /**
     * The next generation of this family under {@code successor}, issued {@code now}, expiring after {@code timeToLive}.
     *
     * @param successor the successor
     * @param now the current instant
     * @param timeToLive how long it lives
     * @return the persistent token
     */
    public PersistentToken successor(CredentialKey successor, Instant now, Duration timeToLive) {
        Instant end = now.plus(timeToLive);
        return new PersistentToken(successor, kind, familyId, userId, now,
                end.isBefore(familyExpiresAt) ? end : familyExpiresAt, familyExpiresAt, familyIssuedAt, device);
    }

    /**
     * Whether this generation is unexpired at {@code now} (rotation and revocation aside).
     *
     * @param now the current instant
     * @return whether this generation is unexpired at {@code now}
     */
    public boolean isUnexpiredAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
