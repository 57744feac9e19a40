package dev.securelogout.core;

import dev.securelogout.core.credential.Credential;
import dev.securelogout.core.credential.CredentialKey;
import dev.securelogout.core.credential.PartitionKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A server-side HMAC-SHA256 key: derives credential partitions, rotation successors and the keyed
 * digests that audit lines carry instead of raw ids. Nodes that share stores should share the key. Immutable and
 * thread-safe.
 */
final class Hmac {

    /** The shortest key accepted, in bytes. */
    static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final PartitionKey partitions;

    private Hmac(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.partitions = PartitionKey.of(key);
    }

    /** A key of at least {@value #MIN_KEY_BYTES} bytes; the array is copied. */
    static Hmac of(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("an HMAC key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        return new Hmac(Arrays.copyOf(key, key.length));
    }

    /** A fresh random key: fine for one node; nodes sharing stores should configure one key. */
    static Hmac random(SecureRandom random) {
        byte[] bytes = new byte[MIN_KEY_BYTES];
        random.nextBytes(bytes);
        return new Hmac(bytes);
    }

    /** A new credential for {@code userId}, in the partition this key gives that user. */
    Credential newCredential(String userId, SecureRandom random) {
        return partitions.generate(userId, random);
    }

    /** HMAC-SHA256 of the UTF-8 bytes of {@code message}. */
    byte[] sign(String message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    /**
     * A short keyed one-way digest (12 base64url characters, 72 bits) of a key, for audit lines:
     * it correlates log lines without revealing or confirming the value.
     */
    String auditDigest(CredentialKey credentialKey) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(sign("audit:" + credentialKey.digest())).substring(0, 12);
    }

    /**
     * The credential that deterministically succeeds {@code presented}: same partition, secret =
     * HMAC-SHA256(key, its secret). Rotation uses it so that a client that raced a rotation inside
     * the grace window can be handed the same successor again.
     */
    Credential successor(Credential presented) {
        String value = presented.value();
        String secret = value.substring(Credential.PARTITION_LENGTH + 1);
        return Credential.parse(presented.partition() + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(sign("rotate:" + secret))).orElseThrow();
    }

    @Override
    public String toString() {
        return "Hmac[<redacted>]";
    }
}
