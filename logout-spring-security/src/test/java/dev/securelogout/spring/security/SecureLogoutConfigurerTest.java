package dev.securelogout.spring.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SecureLogoutConfigurerTest {

    @Test
    @DisplayName("each setting is given once: a second call is refused naming the configurer's setting")
    void eachSettingIsGivenOnce() {
        SecureLogoutConfigurer configurer = SecureLogoutConfigurer.secureLogout().loginPage("/signin").devices("/sessions")
                .rememberMe("remember").retryAfter(Duration.ofSeconds(3));
        assertEquals("loginPage is already set", assertThrows(IllegalStateException.class, () -> configurer.loginPage("/login"))
                .getMessage());
        assertEquals("devices is already set", assertThrows(IllegalStateException.class, () -> configurer.devices("/account"))
                .getMessage());
        assertEquals("rememberMe is already set", assertThrows(IllegalStateException.class, () -> configurer.rememberMe("r"))
                .getMessage());
        assertEquals("retryAfter is already set", assertThrows(IllegalStateException.class,
                () -> configurer.retryAfter(Duration.ofSeconds(5))).getMessage());
    }
}
