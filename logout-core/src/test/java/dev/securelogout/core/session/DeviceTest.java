package dev.securelogout.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceTest {

    @ParameterizedTest(name = "{1} on {2}")
    @CsvSource(delimiter = '|', value = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36 Edg/124.0|Edge|Windows",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15|Safari|macOS",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36|Chrome|Android",
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0|Firefox|Linux",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0 Mobile/15E148 Safari/604.1|Chrome|iOS",
        "curl/8.5.0|curl|Unknown",
        "|Unknown|Unknown"})
    void recognisesCommonBrowsers(String userAgent, String browser, String os) {
        Device device = Device.of(userAgent, "192.0.2.1");
        assertEquals(browser, device.browser());
        assertEquals(os, device.os());
    }

    @Test
    @DisplayName("control characters are stripped and lengths capped")
    void sanitised() {
        Device device = Device.of("evil\r\nSet-Cookie: x\u0000" + "a".repeat(1000), "1.2.3.4\n" + "9".repeat(100));
        assertEquals("evilSet-Cookie: x" + "a".repeat(Device.MAX_USER_AGENT - 17), device.userAgent());
        assertEquals(Device.MAX_IP, device.ip().length());
    }

    @ParameterizedTest(name = "[{0}] becomes [{1}]")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        " 192.0.2.1|192.0.2.1",
        "192.0.2.1 |192.0.2.1",
        "192.0.2.1\t|192.0.2.1",
        "2001:db8::1\u2028|2001:db8::1",
        "192.0.\u00002.1|192.0.2.1"})
    @DisplayName("an address with edges or characters to strip is cleaned")
    void addressCleaned(String raw, String clean) {
        assertEquals(clean, Device.clean(raw, Device.MAX_IP));
    }

    @Test
    @DisplayName("a clean address is kept as it is: the per-request check allocates nothing for it")
    void cleanAddressKept() {
        String ip = new String("2001:db8::1");
        assertSame(ip, Device.clean(ip, Device.MAX_IP));
        assertEquals(Device.MAX_IP, Device.clean("9".repeat(Device.MAX_IP + 1), Device.MAX_IP).length(), "one over the cap is cut");
    }
}
