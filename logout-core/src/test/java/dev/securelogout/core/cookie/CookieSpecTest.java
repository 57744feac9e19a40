package dev.securelogout.core.cookie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.securelogout.core.spi.CookieClearer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CookieSpecTest {

    private final CookieSpec appCookie = CookieSpec.named("SID").path("/app").domain("example.test")
            .sameSite(SameSite.STRICT).build();

    @Test
    @DisplayName("the deletion repeats name, Path and Domain, with Max-Age=0, Expires in 1970 and every flag")
    void clearingMatchesTheCookieThatWasSet() {
        assertEquals("SID=abc; Path=/app; Domain=example.test; Max-Age=3600; Secure; HttpOnly; SameSite=Strict",
                appCookie.setCookie("abc", Duration.ofHours(1)));
        assertEquals("SID=; Path=/app; Domain=example.test; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; "
                + "Secure; HttpOnly; SameSite=Strict", appCookie.clearing());
        assertEquals("SID=abc; Path=/app; Domain=example.test; Secure; HttpOnly; SameSite=Strict", appCookie.setCookie("abc"));
    }

    @Test
    @DisplayName("Partitioned is kept on the deletion")
    void partitionedIsKept() {
        CookieSpec chips = CookieSpec.named("__Host-embed").sameSite(SameSite.NONE).partitioned(true).build();
        assertEquals("__Host-embed=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; "
                + "SameSite=None; Partitioned", chips.clearing());
    }

    @Test
    @DisplayName("prefix rules and Secure-only attributes are enforced when configured")
    void prefixRules() {
        assertThrows(IllegalArgumentException.class, () -> CookieSpec.named("__Host-sid").domain("example.test").build());
        assertThrows(IllegalArgumentException.class, () -> CookieSpec.named("__Host-sid").path("/app").build());
        assertThrows(IllegalArgumentException.class, () -> CookieSpec.named("__Host-sid").secure(false).build());
        assertThrows(IllegalArgumentException.class, () -> CookieSpec.named("__Secure-sid").secure(false).build());
        assertThrows(IllegalArgumentException.class, () -> CookieSpec.named("sid").secure(false).sameSite(SameSite.NONE).build());
        assertThrows(IllegalArgumentException.class, () -> CookieSpec.named("sid").secure(false).partitioned(true).build());
    }

    @Test
    @DisplayName("names, paths, domains and values that could inject attributes are refused")
    void injectionIsRefused() {
        for (String name : List.of("", "a b", "a;b", "a=b", "a\r\nb", "ä")) {
            assertThrows(IllegalArgumentException.class, () -> CookieSpec.named(name).build(), name);
        }
        assertThrows(IllegalArgumentException.class, () -> CookieSpec.named("a").path("/x; Domain=evil").build());
        assertThrows(IllegalArgumentException.class, () -> CookieSpec.named("a").path("x").build());
        assertThrows(IllegalArgumentException.class, () -> CookieSpec.named("a").domain("evil.test; Secure").build());
        assertThrows(IllegalArgumentException.class, () -> appCookie.setCookie("v; Domain=evil"));
        assertThrows(IllegalArgumentException.class, () -> appCookie.setCookie("v\r\nSet-Cookie: x"));
        assertThrows(IllegalArgumentException.class, () -> appCookie.setCookie("v", Duration.ZERO));
    }

    @Test
    @DisplayName("the standard clearer adds host-only twins and former domains, never for __Host- cookies")
    void twinsAndFormerDomains() {
        CookieSpec host = CookieSpec.named("__Host-sid").build();
        List<String> headers = CookieClearer.of(List.of(appCookie, host), true, List.of("old.example")).clearingHeaders();
        assertEquals(List.of(
                appCookie.clearing(),
                appCookie.withoutDomain().clearing(),
                appCookie.withDomain("old.example").clearing(),
                host.clearing()), headers);
    }

    @Test
    @DisplayName("Clear-Site-Data lists quoted directives in a stable order")
    void clearSiteDataHeader() {
        assertEquals("\"cookies\", \"storage\"", ClearSiteData.headerValue(EnumSet.of(ClearSiteData.STORAGE, ClearSiteData.COOKIES)));
        assertEquals("", ClearSiteData.headerValue(EnumSet.noneOf(ClearSiteData.class)));
    }
}
