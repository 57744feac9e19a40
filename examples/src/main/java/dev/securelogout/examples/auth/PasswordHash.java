package dev.securelogout.examples.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 password hash from the JDK ({@value #ITERATIONS} iterations, the
 * OWASP 2023 figure), compared in constant time. Immutable and thread-safe.
 */
final class PasswordHash {

    /** PBKDF2 iterations per hash. */
    static final int ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    /** Longest password hashed; longer ones are refused before any work (no hashing-cost attack). */
    static final int MAX_PASSWORD = 256;

    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(byte[] salt, byte[] hash) {
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes {@code password} under a new random salt. */
    static PasswordHash of(String password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(salt, derive(password, salt));
    }

    /** Whether {@code candidate} is the password, in time independent of where they differ. */
    boolean matches(String candidate) {
        if (candidate == null || candidate.length() > MAX_PASSWORD) {
            return false;
        }
        return MessageDigest.isEqual(hash, derive(candidate, salt));
    }

    private static byte[] derive(String password, byte[] salt) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, ITERATIONS, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required of every Java platform", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
