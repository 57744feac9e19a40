package dev.securelogout.examples.stock;

import static dev.securelogout.spring.security.SecureLogoutConfigurer.secureLogout;
import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stock Spring Boot + Spring Security form-login app with the starter: what the README's line
 * count is about. Spring's generated login page, an in-memory user, one page; secure-logout adds
 * store-backed sessions, POST logout, the device list, revoke and logout everywhere. With
 * {@code stock.maximum-sessions} set, Spring's {@code maximumSessions(n)} runs on the starter's
 * store-backed {@code SessionRegistry} ({@code stock.refuse-login=true}: the login beyond n is
 * refused instead of ending the oldest session).
 */
@SpringBootApplication
@RestController
public class StockApp {

    // --- the app's own security configuration, as a user writes it (counted in the README) ---
    @Bean
    SecurityFilterChain web(HttpSecurity http, @Value("${stock.maximum-sessions:-1}") int maximum,
                            @Value("${stock.refuse-login:false}") boolean refuse) {
        return http
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(withDefaults())
                .sessionManagement(sessions -> sessions.maximumSessions(maximum).maxSessionsPreventsLogin(refuse))
                .with(secureLogout(), withDefaults())
                .build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}alice-password").roles("USER").build());
    }
    // --- end of the security configuration ---

    /** The one guarded page. */
    @GetMapping("/")
    String home(Authentication user) {
        return "<p id=\"user\">" + user.getName() + "</p>";
    }
}
