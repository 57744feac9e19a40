package dev.securelogout.checks.readme;

import static dev.securelogout.spring.security.SecureLogoutConfigurer.secureLogout;
import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The README's one line for a stock Spring Security form login. */
final class SpringSecurity {

    // README begin
    @Bean
    SecurityFilterChain web(HttpSecurity http) {
        return http
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(withDefaults())
                .with(secureLogout(), withDefaults())        // the one line: import static ...SecureLogoutConfigurer.secureLogout
                .build();
    }
    // README end
}
