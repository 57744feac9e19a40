package dev.securelogout.core.credential;

import java.util.Objects;

/**
 * What a store keeps of a {@link Credential}: its public partition and the SHA-256 digest of its
 * secret, both base64url. Not a credential itself: it cannot be turned back into one.
 *
 * @param partition the credential's partition, shared by all credentials of one user
 * @param digest    base64url SHA-256 of the secret, 43 characters
 */
public record CredentialKey(String partition, String digest) {

    private static final int DIGEST_LENGTH = 43;

    /**
     * Validates both parts, so that a key can go into a store key or statement as it is.
     *
     * @param partition the partition
     * @param digest the digest
     */
    public CredentialKey {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(digest, "digest");
        if (partition.length() != Credential.PARTITION_LENGTH || !Credential.isBase64Url(partition, 0, partition.length())) {
            throw new IllegalArgumentException("partition must be " + Credential.PARTITION_LENGTH + " base64url characters");
        }
        if (digest.length() != DIGEST_LENGTH || !Credential.isBase64Url(digest, 0, digest.length())) {
            throw new IllegalArgumentException("digest must be 43 base64url characters");
        }
    }

    /** A short prefix of the digest, enough to tell keys apart in a debug message. */
    @Override
    public String toString() {
        return "CredentialKey[" + partition + ":" + digest.substring(0, 8) + "…]";
    }
}
