package dev.securelogout.core.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * An opaque bearer credential the client holds: a session id, a refresh token or a remember-me
 * token.
 *
 * <p>Its text is {@code partition "." secret}: a short public partition derived from the user id
 * with the server's {@link PartitionKey} (so that a sharded store such as Redis Cluster can route
 * the credential to its user's shard without a lookup, while the credential does not say whose it
 * is) and 256 random bits. Only {@link #value()} reveals the text, for the one
 * place it belongs: the cookie or the response body. Stores see nothing but its {@link #key()},
 * a SHA-256 digest, so a leaked table or keyspace yields no usable credential. {@link #toString()}
 * never prints the secret. Instances are immutable and thread-safe.
 */
public final class Credential {

    /** Characters of the partition: base64url of 66 bits (see {@link PartitionKey}). */
    public static final int PARTITION_LENGTH = 11;
    /** Characters of the secret: base64url of 32 random bytes, without padding. */
    public static final int SECRET_LENGTH = 43;
    /** Characters of the whole text. */
    public static final int LENGTH = PARTITION_LENGTH + 1 + SECRET_LENGTH;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** Never updated, only cloned (a clone is cheaper than a provider lookup on every request). */
    private static final MessageDigest SHA256 = sha256Prototype();
    /** Which ASCII characters are base64url. */
    private static final boolean[] BASE64URL_CHARS = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            BASE64URL_CHARS[c] = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
        }
    }

    private final String partition;
    private final String secret;

    private Credential(String partition, String secret) {
        this.partition = partition;
        this.secret = secret;
    }

    /**
     * Draws a new credential in {@code partition} from {@code random}; {@link
     * PartitionKey#generate} gives a user's.
     *
     * @param partition the public partition, {@value #PARTITION_LENGTH} base64url characters
     * @param random    the source of the 256-bit secret
     * @return a new credential
     * @throws IllegalArgumentException when the partition is not of that form
     */
    public static Credential generate(String partition, SecureRandom random) {
        if (partition == null || partition.length() != PARTITION_LENGTH || !isBase64Url(partition, 0, PARTITION_LENGTH)) {
            throw new IllegalArgumentException("a partition is " + PARTITION_LENGTH + " base64url characters");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new Credential(partition, BASE64URL.encodeToString(bytes));
    }

    /**
     * Parses a credential the client presented. Anything that is not exactly of the format (wrong
     * length, other characters) is empty: callers treat it like an unknown credential.
     *
     * @param text what the client presented
     * @return the credential, empty when {@code text} is not one
     */
    public static Optional<Credential> parse(CharSequence text) {
        if (text.length() != LENGTH || text.charAt(PARTITION_LENGTH) != '.'
                || !isBase64Url(text, 0, PARTITION_LENGTH) || !isBase64Url(text, PARTITION_LENGTH + 1, LENGTH)) {
            return Optional.empty();
        }
        String s = text.toString();
        return Optional.of(new Credential(s.substring(0, PARTITION_LENGTH), s.substring(PARTITION_LENGTH + 1)));
    }

    /**
     * Whether {@code text} holds only base64url characters ({@code A-Z a-z 0-9 - _}) from
     * {@code from} to {@code to}. A loop, not a regular expression: it runs on every request.
     */
    static boolean isBase64Url(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= 128 || !BASE64URL_CHARS[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The credential's text, for the cookie or response that hands it to its holder.
     *
     * @return the credential's text
     */
    public String value() {
        return partition + "." + secret;
    }

    /**
     * What stores keep and look up: the partition and SHA-256 of the secret.
     *
     * @return what stores keep and look up
     */
    public CredentialKey key() {
        return CredentialKey.trusted(partition, BASE64URL.encodeToString(sha256(secret.getBytes(StandardCharsets.US_ASCII))));
    }

    /**
     * The public partition of this credential.
     *
     * @return the public partition of this credential
     */
    public String partition() {
        return partition;
    }

    private static MessageDigest sha256Prototype() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.clone(); // fails now, at class load, if this provider cannot clone
            return digest;
        } catch (java.security.NoSuchAlgorithmException | CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 (cloneable) is required of every Java platform", e);
        }
    }

    static byte[] sha256(byte[] input) {
        try {
            return ((MessageDigest) SHA256.clone()).digest(input);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the SHA-256 provider cannot be cloned", e);
        }
    }

    /** Compares in constant time. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Credential that
                && MessageDigest.isEqual(value().getBytes(StandardCharsets.US_ASCII),
                        that.value().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return partition.hashCode();
    }

    /** Never the secret. */
    @Override
    public String toString() {
        return "Credential[" + partition + ".<redacted>]";
    }
}
