package dev.securelogout.examples.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OidcSettingsTest {

    private static final Map<String, String> ALL = Map.of("OIDC_ISSUER", "http://127.0.0.2:8180/realms/demo/",
            "OIDC_CLIENT_ID", "app", "OIDC_CLIENT_SECRET", "s3cret");

    @Test
    @DisplayName("none of the variables: no provider, the app as always")
    void noneIsNoProvider() {
        assertEquals(Optional.empty(), OidcSettings.fromEnv(Map.of("PORT", "8080", "OIDC_CLIENT_ID", " ")));
    }

    @Test
    @DisplayName("all three: the provider, the issuer without its trailing slash, the app URL by default")
    void allThree() {
        OidcSettings settings = OidcSettings.fromEnv(ALL).orElseThrow();
        assertEquals(URI.create("http://127.0.0.2:8180/realms/demo"), settings.issuer());
        assertEquals("app", settings.clientId());
        assertEquals(Optional.empty(), settings.appUrl());
        assertEquals(Optional.of(URI.create("https://app.example.com")),
                OidcSettings.fromEnv(with("OIDC_APP_URL", "https://app.example.com/")).orElseThrow().appUrl());
    }

    @Test
    @DisplayName("some but not all, or a URL that is none, is refused naming the variable")
    void incompleteOrWrong() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> OidcSettings.fromEnv(Map.of("OIDC_ISSUER", "http://idp", "OIDC_CLIENT_ID", "app")));
        assertTrue(missing.getMessage().startsWith("OIDC_CLIENT_SECRET"), missing.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OidcSettings.fromEnv(with("OIDC_ISSUER", "ftp://idp")))
                .getMessage().startsWith("OIDC_ISSUER"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OidcSettings.fromEnv(with("OIDC_APP_URL", "not a url")))
                .getMessage().startsWith("OIDC_APP_URL"));
    }

    @Test
    @DisplayName("never shows the secret")
    void toStringHidesTheSecret() {
        assertFalse(OidcSettings.fromEnv(ALL).orElseThrow().toString().contains("s3cret"));
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> env = new java.util.HashMap<>(ALL);
        env.put(name, value);
        return env;
    }
}
