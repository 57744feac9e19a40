package dev.securelogout.core.session;

import java.util.List;
import java.util.Map;

/** Recognises browser and OS families in a User-Agent: enough for a device list, no more. */
final class UserAgents {

    // Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari", Android says "Linux".
    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("Edg/", "Edge"),
            Map.entry("OPR/", "Opera"),
            Map.entry("SamsungBrowser/", "Samsung Internet"),
            Map.entry("Firefox/", "Firefox"),
            Map.entry("FxiOS/", "Firefox"),
            Map.entry("CriOS/", "Chrome"),
            Map.entry("Chromium/", "Chromium"),
            Map.entry("Chrome/", "Chrome"),
            Map.entry("Safari/", "Safari"),
            Map.entry("curl/", "curl"),
            Map.entry("Java-http-client/", "Java HttpClient"));
    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("iPhone", "iOS"),
            Map.entry("iPad", "iPadOS"),
            Map.entry("Android", "Android"),
            Map.entry("CrOS", "ChromeOS"),
            Map.entry("Windows", "Windows"),
            Map.entry("Mac OS X", "macOS"),
            Map.entry("Macintosh", "macOS"),
            Map.entry("Linux", "Linux"));

    private UserAgents() {
    }

    static String browser(String userAgent) {
        return first(BROWSERS, userAgent);
    }

    static String os(String userAgent) {
        return first(SYSTEMS, userAgent);
    }

    private static String first(List<Map.Entry<String, String>> table, String userAgent) {
        for (Map.Entry<String, String> entry : table) {
            if (userAgent.contains(entry.getKey())) {
                return entry.getValue();
            }
        }
        return "Unknown";
    }
}
