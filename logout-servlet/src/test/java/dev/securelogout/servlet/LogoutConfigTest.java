package dev.securelogout.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LogoutConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        LogoutConfig config = LogoutConfig.defaults();
        assertEquals("/login", config.loginPath());
        assertEquals("/", config.accountPage());
        assertEquals("/account/sessions", config.sessionsPath());
        assertEquals("/account/logout-everywhere", config.logoutEverywherePath());
        assertEquals(Set.of(), config.allowedOrigins());
        assertEquals(List.of(), config.apiPaths());
        assertEquals(Duration.ofSeconds(5), config.retryAfter());
        assertEquals(false, config.rememberMe());
        assertEquals("/logout", config.logoutPath());
        assertEquals("/oauth/revoke", config.revocationPath());
        assertEquals(config, LogoutConfig.fromParameters(name -> null));
    }

    @Test
    void everyInitParameterIsRead() {
        Map<String, String> params = Map.of("login-path", "/signin", "account-page", "/me", "sessions-path", "/me/sessions",
                "logout-everywhere-path", "/me/everywhere", "allowed-origins", " https://App.Example.com:443 , http://localhost:8080",
                "api-paths", "/api/,/v2/", "retry-after", "30", "remember-me", "TRUE", "logout-path", "/signout",
                "revocation-path", "/token/revoke");
        assertEquals(List.copyOf(params.keySet()).stream().sorted().toList(), LogoutConfig.INIT_PARAMETERS.stream().sorted().toList());
        LogoutConfig config = LogoutConfig.fromParameters(params::get);
        assertEquals(LogoutConfig.builder().loginPath("/signin").accountPage("/me").sessionsPath("/me/sessions")
                .logoutEverywherePath("/me/everywhere").allowedOrigins(List.of("https://app.example.com", "http://localhost:8080"))
                .apiPaths(List.of("/api/", "/v2/")).retryAfter(Duration.ofSeconds(30)).rememberMe(true)
                .logoutPath("/signout").revocationPath("/token/revoke").build(), config);
    }

    @Test
    void invalidSettingsAreRefusedNamingTheSetting() {
        for (String path : new String[] {"login", "//evil.test", "/\\evil.test", "https://evil.test/", "/a b", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogoutConfig.builder().loginPath(path).build());
            assertEquals(true, e.getMessage().startsWith("loginPath"), e.getMessage());
        }
        for (String origin : new String[] {"null", "https://a.test/path", "ftp://a.test", "https://user@a.test", "a.test"}) {
            assertThrows(IllegalArgumentException.class, () -> LogoutConfig.builder().allowedOrigins(List.of(origin)).build(), origin);
        }
        assertThrows(IllegalArgumentException.class, () -> LogoutConfig.fromParameters(Map.of("retry-after", "soon")::get));
        assertThrows(IllegalArgumentException.class, () -> LogoutConfig.fromParameters(Map.of("retry-after", "0")::get));
        assertThrows(IllegalArgumentException.class, () -> LogoutConfig.fromParameters(Map.of("remember-me", "yes")::get));
    }

    @Test
    void eachSettingIsGivenOnceAndEndpointsDoNotShareAPath() {
        assertEquals("loginPath is already set", assertThrows(IllegalStateException.class,
                () -> LogoutConfig.builder().loginPath("/signin").loginPath("/login")).getMessage());
        assertEquals("rememberMe is already set", assertThrows(IllegalStateException.class,
                () -> LogoutConfig.builder().rememberMe(true).rememberMe(false)).getMessage());
        assertEquals("loginPath and logoutPath are both /signin", assertThrows(IllegalStateException.class,
                () -> LogoutConfig.builder().loginPath("/signin").logoutPath("/signin").build()).getMessage());
        assertEquals("logoutPath and revocationPath are both /logout", assertThrows(IllegalStateException.class,
                () -> LogoutConfig.fromParameters(Map.of("revocation-path", "/logout")::get)).getMessage());
    }

    @Test
    void originsAreNormalised() {
        assertEquals(Optional.of("https://a.test"), LogoutConfig.normalizeOrigin("HTTPS://A.test:443"));
        assertEquals(Optional.of("http://a.test:8080"), LogoutConfig.normalizeOrigin("http://a.test:8080"));
        assertEquals(Optional.of("http://[::1]:8080"), LogoutConfig.normalizeOrigin("http://[::1]:8080"));
        assertEquals(Optional.empty(), LogoutConfig.normalizeOrigin("null"));
        assertEquals(Optional.empty(), LogoutConfig.normalizeOrigin(null));
        assertEquals(Optional.empty(), LogoutConfig.normalizeOrigin("http://a.test?x"));
    }
}
