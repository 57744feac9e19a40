package dev.securelogout.core.credential;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server-side key that derives a user's public credential partition:
 * HMAC-SHA256(key, {@code "partition:" + userId}), its first 66 bits in base64url.
 *
 * <p>The partition is the part of a session id or token before the dot. A sharded store (Redis
 * Cluster) routes by it, so every node that shares the store must derive it with the same key:
 * give them the engine's secret key. Because it is keyed, a credential does not tell someone
 * who can guess user names whose it is. Immutable and thread-safe; {@link #toString()} never
 * prints the key.
 */
public final class PartitionKey {

    /** The shortest key accepted, in bytes. */
    public static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** Initialised once and only cloned, never used itself. */
    private final Mac prototype;

    private PartitionKey(Mac prototype) {
        this.prototype = prototype;
    }

    /**
     * The partition key of a server secret of at least {@value #MIN_KEY_BYTES} bytes: the same
     * bytes the engine is given as its secret key. The array is not kept.
     *
     * @param secret the server secret
     * @return its partition key
     * @throws IllegalArgumentException when the secret is shorter than {@value #MIN_KEY_BYTES} bytes
     */
    public static PartitionKey of(byte[] secret) {
        if (secret == null || secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a partition key needs a secret of at least " + MIN_KEY_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(Arrays.copyOf(secret, secret.length), ALGORITHM));
            mac.clone(); // fails now, not per call, if this provider cannot clone
            return new PartitionKey(mac);
        } catch (NoSuchAlgorithmException | InvalidKeyException | CloneNotSupportedException e) {
            throw new IllegalStateException("a cloneable HmacSHA256 is required of every Java platform", e);
        }
    }

    /**
     * The public partition of a user's credentials: stable for this key, one-way, safe to put in a
     * store key, {@value Credential#PARTITION_LENGTH} base64url characters.
     *
     * @param userId the user
     * @return the partition of that user's credentials
     */
    public String partitionOf(String userId) {
        Objects.requireNonNull(userId, "userId");
        byte[] digest;
        try {
            digest = ((Mac) prototype.clone()).doFinal(("partition:" + userId).getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the HmacSHA256 provider cannot be cloned", e);
        }
        return BASE64URL.encodeToString(digest).substring(0, Credential.PARTITION_LENGTH);
    }

    /**
     * Draws a new credential for {@code userId}, in that user's partition.
     *
     * @param userId the user the credential is for
     * @param random the source of the secret
     * @return a new credential
     */
    public Credential generate(String userId, SecureRandom random) {
        return Credential.generate(partitionOf(userId), random);
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "PartitionKey[<redacted>]";
    }
}
