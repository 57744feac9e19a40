package dev.securelogout.core.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CredentialTest {

    private final SecureRandom random = new SecureRandom();
    private final PartitionKey partitions = PartitionKey.of(new byte[32]);

    @Test
    @DisplayName("a generated credential parses back to itself, its partition is its user's")
    void roundTrip() {
        Credential credential = partitions.generate("alice", random);
        assertEquals(Credential.LENGTH, credential.value().length());
        assertEquals(Optional.of(credential), Credential.parse(credential.value()));
        assertEquals(partitions.partitionOf("alice"), credential.partition());
        assertEquals(credential.key(), Credential.parse(credential.value()).orElseThrow().key());
        assertNotEquals(credential.key(), partitions.generate("alice", random).key());
    }

    @Test
    @DisplayName("anything not exactly of the format is no credential")
    void garbageIsEmpty() {
        String good = partitions.generate("alice", random).value();
        for (String bad : List.of("", good + "A", good.substring(1), good.replace('.', '-'),
                good.substring(0, 20) + "%" + good.substring(21), good.substring(0, 54) + "\n", "'; DROP TABLE sessions; --")) {
            assertEquals(Optional.empty(), Credential.parse(bad), bad);
        }
        assertThrows(NullPointerException.class, () -> Credential.parse(null), "null is a caller's bug, not a client's garbage");
    }

    @Test
    @DisplayName("a partition that is not 11 base64url characters is refused")
    void badPartition() {
        for (String bad : Arrays.asList(null, "", "short", "abcdefghij.", "abcdefghijkl", "abc{}efghij")) {
            assertThrows(IllegalArgumentException.class, () -> Credential.generate(bad, random), String.valueOf(bad));
        }
    }

    @Test
    @DisplayName("toString and the key reveal nothing of the secret")
    void redacted() {
        Credential credential = partitions.generate("alice", random);
        String secret = credential.value().substring(Credential.PARTITION_LENGTH + 1);
        for (String shown : List.of(credential.toString(), credential.key().toString(), credential.key().digest())) {
            assertFalse(shown.contains(secret), shown);
        }
    }
}
