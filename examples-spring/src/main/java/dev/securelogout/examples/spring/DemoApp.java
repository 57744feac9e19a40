package dev.securelogout.examples.spring;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.examples.account.AccountServlet;
import dev.securelogout.examples.api.AccessTokens;
import dev.securelogout.examples.api.TokenApiServlet;
import dev.securelogout.examples.auth.LoginServlet;
import dev.securelogout.examples.auth.Users;
import dev.securelogout.examples.devices.DevicesServlet;
import dev.securelogout.examples.events.EventStreams;
import dev.securelogout.examples.events.EventsServlet;
import dev.securelogout.examples.home.HomeServlet;
import dev.securelogout.examples.web.Assets;
import dev.securelogout.examples.web.HealthServlet;
import dev.securelogout.spring.boot.autoconfigure.SecureLogoutProperties;
import jakarta.servlet.http.HttpServlet;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The application itself, the same as the servlet example's: its pages, token API and event
 * stream (the servlets of {@code examples}), the demo users behind Spring Security's
 * authentication, and the access tokens signed with a key derived from {@code JWT_SECRET}.
 */
@Configuration(proxyBeanMethods = false)
class DemoApp {

    @Bean
    Users users() {
        return Users.demo();
    }

    /** The demo users as Spring Security's authentication: PBKDF2, compared in constant time. */
    @Bean
    AuthenticationProvider demoUsers(Users users) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication login) {
                return users.authenticate(login.getName(), String.valueOf(login.getCredentials()))
                        .map(user -> UsernamePasswordAuthenticationToken.authenticated(user, null, AuthorityUtils.createAuthorityList("ROLE_USER")))
                        .orElseThrow(() -> new BadCredentialsException("wrong user name or password"));
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }

    @Bean
    AccessTokens accessTokens(LogoutEngine engine, SecureLogoutProperties properties,
                              @Value("${example.access-token-ttl}") Duration lifetime) {
        return new AccessTokens(engine, properties.derivedKey("secure-logout access token key"), lifetime);
    }

    @Bean(destroyMethod = "close")
    EventStreams eventStreams() {
        return new EventStreams();
    }

    @Bean
    ServletRegistrationBean<HttpServlet> home() {
        return servlet(new HomeServlet(), "");
    }

    @Bean
    ServletRegistrationBean<HttpServlet> login(LogoutEngine engine, Users users) {
        return servlet(new LoginServlet(engine, users), "/login");
    }

    @Bean
    ServletRegistrationBean<HttpServlet> devices(LogoutEngine engine) {
        return servlet(new DevicesServlet(engine), "/sessions", "/sessions/*");
    }

    @Bean
    ServletRegistrationBean<HttpServlet> account(LogoutEngine engine, Users users) {
        return servlet(new AccountServlet(engine, users), "/account", "/account/*");
    }

    @Bean
    ServletRegistrationBean<HttpServlet> tokenApi(LogoutEngine engine, Users users, AccessTokens accessTokens) {
        return servlet(new TokenApiServlet(engine, users, accessTokens), "/api/*");
    }

    @Bean
    ServletRegistrationBean<HttpServlet> events(LogoutEngine engine, SessionNotifier notifier, EventStreams streams) {
        return servlet(new EventsServlet(engine, notifier, streams), "/events");
    }

    @Bean
    ServletRegistrationBean<HttpServlet> health() {
        return servlet(new HealthServlet(), "/healthz");
    }

    @Bean
    ServletRegistrationBean<HttpServlet> assets() {
        return servlet(new Assets(), Assets.PREFIX + "*");
    }

    private static ServletRegistrationBean<HttpServlet> servlet(HttpServlet servlet, String... paths) {
        ServletRegistrationBean<HttpServlet> registration = new ServletRegistrationBean<>(servlet, paths);
        registration.setName(servlet.getClass().getSimpleName());
        return registration;
    }
}
