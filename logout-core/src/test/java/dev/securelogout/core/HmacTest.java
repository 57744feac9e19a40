package dev.securelogout.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.securelogout.core.credential.Credential;
import java.security.SecureRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HmacTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    @DisplayName("the successor is deterministic under one key, different under another, same partition")
    void successor() {
        Hmac key = Hmac.random(random);
        Credential credential = key.newCredential("alice", random);
        assertEquals(key.successor(credential), key.successor(credential));
        assertNotEquals(key.successor(credential), Hmac.random(random).successor(credential));
        assertNotEquals(credential, key.successor(credential));
        assertEquals(credential.partition(), key.successor(credential).partition());
        assertTrue(Credential.parse(key.successor(credential).value()).isPresent());
    }

    @Test
    @DisplayName("a key shorter than 32 bytes is refused")
    void shortKey() {
        assertThrows(IllegalArgumentException.class, () -> Hmac.of(new byte[31]));
    }
}
