package dev.securelogout.examples.spring;

import static dev.securelogout.spring.security.SecureLogoutConfigurer.secureLogout;

import dev.securelogout.examples.api.AccessTokens;
import dev.securelogout.examples.auth.LoginServlet;
import dev.securelogout.examples.web.SecurityHeadersFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The whole security of the example: Spring Security's form login, with secure-logout in charge of
 * sessions (in the store), logout, devices, remember-me, the bearer guard and the one CSRF policy
 * (the cross-site rule). The engine and its stores come from the starter and {@code securelogout.*}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    /** TRACE, OPTIONS and made-up methods: 405 on every path, as in the servlet example. */
    @Bean
    FilterRegistrationBean<HttpFilter> onlyGetHeadAndPost() {
        FilterRegistrationBean<HttpFilter> registration = new FilterRegistrationBean<>(new HttpFilter() {
            @Override
            protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                if (!SecurityHeadersFilter.refusedMethod(request, response)) {
                    chain.doFilter(request, response);
                }
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    SecurityFilterChain web(HttpSecurity http, AccessTokens accessTokens) {
        return http
                .authorizeHttpRequests(pages -> pages
                        .requestMatchers("/", "/sessions/**", "/account/**", "/logout/everywhere", "/events").authenticated()
                        .anyRequest().permitAll())
                .formLogin(form -> form.loginPage("/login"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(SecurityHeadersFilter.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .with(secureLogout(), logout -> logout
                        .rememberMe("remember")
                        .loginFailure((request, response, wrong) -> {
                            if (wrong instanceof DemoApp.ThrottledLogin throttled) {
                                LoginServlet.tooManyAttempts(request, response, throttled.throttled());
                            } else {
                                LoginServlet.refuse(request, response);
                            }
                        })
                        .devices("/sessions").logoutEverywhere("/logout/everywhere").accountPage("/sessions")
                        .apiPaths("/api/", "/events")
                        .bearer(accessTokens, "/api/me", "/api/logout/everywhere")
                        .tokenRevocation("/oauth/revoke"))
                .build();
    }
}
