package dev.securelogout.core.token;

import dev.securelogout.core.credential.CredentialKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A long-lived token as a {@link TokenRevoker} keeps it: a refresh token or a remember-me token.
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
 */
public record PersistentToken(CredentialKey key, TokenKind kind, String familyId, String userId, Instant issuedAt,
                              Instant expiresAt, Instant familyExpiresAt) {

    /** Checks presence and that no generation outlives its family. */
    public PersistentToken {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(familyId, "familyId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(familyExpiresAt, "familyExpiresAt");
        if (expiresAt.isAfter(familyExpiresAt)) {
            throw new IllegalArgumentException("a token cannot outlive its family");
        }
    }

    /** Whether this generation is unexpired at {@code now} (rotation and revocation aside). */
    public boolean isUnexpiredAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
