package dev.securelogout.examples.spring;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.examples.account.AccountServlet;
import dev.securelogout.examples.api.AccessTokens;
import dev.securelogout.examples.api.TokenApiServlet;
import dev.securelogout.examples.auth.LoginAttempts;
import dev.securelogout.examples.auth.LoginServlet;
import dev.securelogout.examples.auth.Users;
import dev.securelogout.examples.devices.DevicesServlet;
import dev.securelogout.examples.home.HomeServlet;
import dev.securelogout.examples.web.Assets;
import dev.securelogout.examples.web.HealthServlet;
import dev.securelogout.core.throttle.LoginThrottle;
import dev.securelogout.servlet.LogoutScriptServlet;
import dev.securelogout.servlet.SessionEventStreams;
import dev.securelogout.servlet.SessionEventsServlet;
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
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

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

    /** The password checks of the form and the token API, throttled as the servlet example's are. */
    @Bean
    LoginAttempts loginAttempts(Users users) {
        return new LoginAttempts(users, LoginThrottle.defaults());
    }

    /** A login refused because of too many failures, answered 429 by the login failure handler. */
    static final class ThrottledLogin extends AuthenticationException {
        private static final long serialVersionUID = 1L;
        private final transient LoginAttempts.Throttled throttled;

        ThrottledLogin(LoginAttempts.Throttled throttled) {
            super("too many failed sign-ins");
            this.throttled = throttled;
        }

        LoginAttempts.Throttled throttled() {
            return throttled;
        }
    }

    /** The demo users as Spring Security's authentication: PBKDF2, compared in constant time, throttled. */
    @Bean
    AuthenticationProvider demoUsers(LoginAttempts logins) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication login) {
                String address = clientAddress(login);
                LoginAttempts.Result attempt = logins.attempt(login.getName(), String.valueOf(login.getCredentials()), address);
                if (attempt instanceof LoginAttempts.Throttled throttled) {
                    throw new ThrottledLogin(throttled);
                }
                if (attempt instanceof LoginAttempts.Allowed allowed) {
                    return UsernamePasswordAuthenticationToken.authenticated(allowed.userId(), null,
                            AuthorityUtils.createAuthorityList("ROLE_USER"));
                }
                throw new BadCredentialsException("wrong user name or password");
            }

            /** The client's address: from the login's details, else from the request being served. */
            private static String clientAddress(Authentication login) {
                if (login.getDetails() instanceof WebAuthenticationDetails details) {
                    return details.getRemoteAddress();
                }
                return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                        ? attributes.getRequest().getRemoteAddr() : "";
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
    SessionEventStreams eventStreams(SessionNotifier notifier) {
        return new SessionEventStreams(notifier);
    }

    @Bean
    ServletRegistrationBean<HttpServlet> home() {
        return servlet(new HomeServlet(), "");
    }

    @Bean
    ServletRegistrationBean<HttpServlet> login(LogoutEngine engine, LoginAttempts logins) {
        return servlet(new LoginServlet(engine, logins), "/login");
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
    ServletRegistrationBean<HttpServlet> tokenApi(LogoutEngine engine, LoginAttempts logins, AccessTokens accessTokens) {
        return servlet(new TokenApiServlet(engine, logins, accessTokens), "/api/*");
    }

    @Bean
    ServletRegistrationBean<HttpServlet> events(LogoutEngine engine, SessionEventStreams streams) {
        return servlet(new SessionEventsServlet(engine, streams), "/events");
    }

    @Bean
    ServletRegistrationBean<HttpServlet> health() {
        return servlet(new HealthServlet(), "/healthz");
    }

    @Bean
    ServletRegistrationBean<HttpServlet> assets() {
        return servlet(new Assets(), Assets.PREFIX + "*");
    }

    @Bean
    ServletRegistrationBean<HttpServlet> logoutScript() {
        return servlet(new LogoutScriptServlet(), Assets.LOGOUT_SCRIPT);
    }

    private static ServletRegistrationBean<HttpServlet> servlet(HttpServlet servlet, String... paths) {
        ServletRegistrationBean<HttpServlet> registration = new ServletRegistrationBean<>(servlet, paths);
        registration.setName(servlet.getClass().getSimpleName());
        return registration;
    }
}
