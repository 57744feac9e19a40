package dev.securelogout.core.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PartitionKeyTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    @DisplayName("a user's partition is the same under one secret, on every node that has it")
    void stableUnderOneSecret() {
        byte[] secret = secret();
        assertEquals(PartitionKey.of(secret).partitionOf("alice"), PartitionKey.of(secret.clone()).partitionOf("alice"));
        assertNotEquals(PartitionKey.of(secret).partitionOf("alice"), PartitionKey.of(secret).partitionOf("bob"));
        assertTrue(Credential.parse(PartitionKey.of(secret).generate("alice", random).value()).isPresent());
    }

    @Test
    @DisplayName("a credential does not name its user: its partition is not a digest of the user id alone")
    void keyedNotGuessable() {
        String partition = PartitionKey.of(secret()).partitionOf("alice");
        assertNotEquals(partition, PartitionKey.of(secret()).partitionOf("alice"));
        assertNotEquals(unkeyed("alice"), partition);
    }

    @Test
    @DisplayName("the secret is copied, never shown, and must be 32 bytes or more")
    void secretHandling() {
        byte[] secret = secret();
        PartitionKey key = PartitionKey.of(secret);
        String before = key.partitionOf("alice");
        Arrays.fill(secret, (byte) 0);
        assertEquals(before, key.partitionOf("alice"));
        assertFalse(key.toString().contains(Base64.getEncoder().encodeToString(secret)));
        assertThrows(IllegalArgumentException.class, () -> PartitionKey.of(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> PartitionKey.of(null));
    }

    private byte[] secret() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return secret;
    }

    /** What partitions were before they were keyed: anyone could compute them from a user name. */
    private static String unkeyed(String userId) throws RuntimeException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, Credential.PARTITION_LENGTH);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
