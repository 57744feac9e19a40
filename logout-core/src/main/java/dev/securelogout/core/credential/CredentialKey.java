package dev.securelogout.core.credential;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a store keeps of a {@link Credential}: its public partition and the SHA-256 digest of its
 * secret, both base64url. Not a credential itself: it cannot be turned back into one. Immutable;
 * equal when both parts are.
 */
public final class CredentialKey {

    private static final int DIGEST_LENGTH = 43;

    private final String partition;
    private final String digest;

    /**
     * Validates both parts, so that a key can go into a store key or statement as it is.
     *
     * @param partition the credential's partition, shared by all credentials of one user
     * @param digest    base64url SHA-256 of the secret, 43 characters
     * @throws IllegalArgumentException when either part is not of that form
     */
    public CredentialKey(String partition, String digest) {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(digest, "digest");
        if (partition.length() != Credential.PARTITION_LENGTH || !Credential.isBase64Url(partition, 0, partition.length())) {
            throw new IllegalArgumentException("partition must be " + Credential.PARTITION_LENGTH + " base64url characters");
        }
        if (digest.length() != DIGEST_LENGTH || !Credential.isBase64Url(digest, 0, digest.length())) {
            throw new IllegalArgumentException("digest must be 43 base64url characters");
        }
        this.partition = partition;
        this.digest = digest;
    }

    /**
     * The key of a credential {@link Credential#key()} just built: its partition was validated when
     * the credential was made, its digest is the base64url encoder's output, so neither is checked
     * again (this runs on every request). {@code unchecked} only sets this constructor apart from
     * the public one.
     */
    private CredentialKey(String partition, String digest, @Nullable Void unchecked) {
        this.partition = partition;
        this.digest = digest;
    }

    /** {@link #CredentialKey(String, String, Void)}, for {@link Credential#key()} only. */
    static CredentialKey trusted(String partition, String digest) {
        return new CredentialKey(partition, digest, null);
    }

    /**
     * The credential's partition, shared by all credentials of one user.
     *
     * @return the partition, 11 base64url characters
     */
    public String partition() {
        return partition;
    }

    /**
     * The base64url SHA-256 of the credential's secret.
     *
     * @return the digest, 43 base64url characters
     */
    public String digest() {
        return digest;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof CredentialKey that && partition.equals(that.partition) && digest.equals(that.digest);
    }

    @Override
    public int hashCode() {
        return 31 * partition.hashCode() + digest.hashCode();
    }

    /** A short prefix of the digest, enough to tell keys apart in a debug message. */
    @Override
    public String toString() {
        return "CredentialKey[" + partition + ":" + digest.substring(0, 8) + "…]";
    }
}
