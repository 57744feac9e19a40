package dev.securelogout.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.1.7 ,fd00::/8,::1");

    @Test
    @DisplayName("addresses and CIDR ranges of both families are trusted exactly")
    void ranges() {
        assertTrue(proxies.trusts("10.200.3.4"));
        assertFalse(proxies.trusts("11.0.0.1"));
        assertTrue(proxies.trusts("192.168.1.7"));
        assertFalse(proxies.trusts("192.168.1.8"));
        assertTrue(proxies.trusts("fd12:3456::1"));
        assertFalse(proxies.trusts("fe80::1"));
        assertTrue(proxies.trusts("0:0:0:0:0:0:0:1"));
        assertFalse(proxies.trusts("localhost"), "a name is never looked up");
        assertTrue(TrustedProxies.parse("10.1.2.3/31").trusts("10.1.2.2"));
        assertFalse(TrustedProxies.parse("10.1.2.3/31").trusts("10.1.2.4"));
        assertTrue(TrustedProxies.parse(" ").isEmpty());
    }

    @Test
    @DisplayName("an entry that is neither an address nor a range is refused by name")
    void invalid() {
        for (String bad : List.of("10.0.0.0/33", "example.com", "10.0.0", "::1/129", "1.2.3.4/x", "300.1.1.1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.1," + bad));
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    @DisplayName("forwarding headers from an untrusted peer are ignored")
    void untrustedPeer() {
        assertEquals("203.0.113.5", proxies.clientAddress("203.0.113.5", List.of("for=198.51.100.1"), List.of("198.51.100.1")));
        assertEquals("10.0.0.1", TrustedProxies.NONE.clientAddress("10.0.0.1", List.of(), List.of("198.51.100.1")));
    }

    @Test
    @DisplayName("X-Forwarded-For: the nearest untrusted hop, so a forged address in front is not believed")
    void xForwardedFor() {
        assertEquals("198.51.100.1", proxies.clientAddress("10.0.0.1", List.of(), List.of("198.51.100.1")));
        assertEquals("198.51.100.1", proxies.clientAddress("10.0.0.1", List.of(), List.of("6.6.6.6, 198.51.100.1", "10.0.0.9")));
        assertEquals("10.0.0.9", proxies.clientAddress("10.0.0.1", List.of(), List.of("10.0.0.9")), "all trusted: the farthest");
        assertEquals("10.0.0.9", proxies.clientAddress("10.0.0.1", List.of(), List.of("6.6.6.6, unknown, 10.0.0.9")),
                "garbage stops at the proxy that reported it");
        assertEquals("10.0.0.1", proxies.clientAddress("10.0.0.1", List.of(), List.of()));
        assertEquals("2001:db8::5", proxies.clientAddress("::1", List.of(), List.of("2001:db8::5")));
    }

    @Test
    @DisplayName("Forwarded (RFC 7239) wins over X-Forwarded-For; quotes, brackets and ports are removed")
    void forwarded() {
        assertEquals("2001:db8:cafe::17", proxies.clientAddress("10.0.0.1",
                List.of("for=\"[2001:db8:cafe::17]:4711\";proto=https, for=10.0.0.3"), List.of("6.6.6.6")));
        assertEquals("192.0.2.43", proxies.clientAddress("10.0.0.1", List.of("For=\"192.0.2.43:47011\""), List.of()));
        assertEquals("10.0.0.1", proxies.clientAddress("10.0.0.1", List.of("for=_hidden"), List.of()));
    }
}
