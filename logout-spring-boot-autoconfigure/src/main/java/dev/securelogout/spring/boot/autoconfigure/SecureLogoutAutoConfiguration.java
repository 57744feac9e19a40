package dev.securelogout.spring.boot.autoconfigure;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.SecurityEventPolicy;
import dev.securelogout.core.cookie.CookieSpec;
import dev.securelogout.core.credential.Hmac;
import dev.securelogout.core.event.LogoutListener;
import dev.securelogout.core.event.SessionNotifier;
import dev.securelogout.core.memory.InMemorySessionNotifier;
import dev.securelogout.core.memory.InMemorySessionStore;
import dev.securelogout.core.memory.InMemoryTokenRevoker;
import dev.securelogout.core.session.SessionStore;
import dev.securelogout.core.token.TokenRevoker;
import dev.securelogout.jdbc.JdbcSchema;
import dev.securelogout.jdbc.JdbcSessionStore;
import dev.securelogout.jdbc.JdbcTokenRevoker;
import dev.securelogout.redis.RedisSessionNotifier;
import dev.securelogout.redis.RedisSessionStore;
import dev.securelogout.spring.security.StoreSessionRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.session.SessionRegistry;

/**
 * secure-logout in a Spring Boot application: the {@link LogoutEngine} from
 * {@link SecureLogoutProperties securelogout.*}, its stores (Redis, JDBC on the application's
 * {@code DataSource}, or in memory; see {@link SecureLogoutProperties#store()}), its notifier, and
 * Spring Security's {@link SessionRegistry} over the store. Every bean backs off when the
 * application declares its own of the type. The application's {@link LogoutListener} beans are
 * added to the engine's audit log.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(SecureLogoutProperties.class)
@Import({SecureLogoutAutoConfiguration.RedisStores.class,
        SecureLogoutAutoConfiguration.JdbcStores.class, SecureLogoutAutoConfiguration.MemoryStores.class,
        SecureLogoutAutoConfiguration.SpringSecurity.class})
public class SecureLogoutAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecureLogoutAutoConfiguration.class);
    /** The shortest secret accepted, in UTF-8 bytes. */
    static final int MIN_SECRET_BYTES = 32;

    /**
     * The engine over the store, notifier and listener beans, configured by the properties.
     *
     * @throws IllegalArgumentException when {@code securelogout.secret} is shorter than 32 bytes, or a setting is inconsistent
     */
    @Bean
    @ConditionalOnMissingBean
    public LogoutEngine logoutEngine(SecureLogoutProperties properties, SessionStore sessions, TokenRevoker tokens,
                                     SessionNotifier notifier, ObjectProvider<LogoutListener> listeners, ObjectProvider<Clock> clock) {
        LogoutEngine.Builder engine = LogoutEngine.builder().clock(clock(clock))
                .sessionStore(sessions).tokenRevoker(tokens).notifier(notifier);
        listeners.orderedStream().forEach(engine::listener);
        if (properties.secret() != null && !properties.secret().isBlank()) {
            byte[] secret = properties.secret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("securelogout.secret must have at least " + MIN_SECRET_BYTES + " bytes");
            }
            engine.secretKey(Hmac.of(secret).sign("secure-logout engine key"));
        } else if (!(sessions instanceof InMemorySessionStore)) {
            LOG.warn("securelogout.secret is not set: this node's key is random, so nodes sharing the store disagree on digests");
        }
        set(properties.idleTimeout(), engine::idleTimeout);
        set(properties.absoluteTimeout(), engine::absoluteTimeout);
        set(properties.touchInterval(), engine::touchInterval);
        set(properties.rememberMeLifetime(), engine::rememberMeLifetime);
        set(properties.refreshTokenTimeToLive(), engine::refreshTokenTimeToLive);
        set(properties.refreshFamilyLifetime(), engine::refreshFamilyLifetime);
        set(properties.refreshGraceWindow(), engine::refreshGraceWindow);
        set(properties.logoutRedirect(), engine::logoutRedirect);
        set(properties.clearSiteData(), engine::clearSiteData);
        if (properties.keepCurrentSession() != null) {
            SecurityEventPolicy policy = SecurityEventPolicy.defaults();
            for (var entry : properties.keepCurrentSession().entrySet()) {
                policy = policy.keepCurrent(entry.getKey(), entry.getValue());
            }
            engine.securityEventPolicy(policy);
        }
        SecureLogoutProperties.Cookies cookies = properties.cookies();
        set(cookie(cookies, cookies.sessionName()), engine::sessionCookie);
        set(cookie(cookies, cookies.rememberMeName()), engine::rememberMeCookie);
        return engine.build();
    }

    /** Spring Security's session registry over the store, for {@code maximumSessions(n)} across nodes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({StoreSessionRegistry.class, SessionRegistry.class})
    static class SpringSecurity {
        @Bean
        @ConditionalOnMissingBean(SessionRegistry.class)
        StoreSessionRegistry sessionRegistry(LogoutEngine engine, SessionStore sessions) {
            return new StoreSessionRegistry(engine, sessions);
        }
    }

    /** One node: the stores in this process. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(StoreCondition.Memory.class)
    static class MemoryStores {
        @Bean
        @ConditionalOnMissingBean
        SessionStore secureLogoutSessionStore(ObjectProvider<Clock> clock) {
            return new InMemorySessionStore(clock(clock));
        }

        @Bean
        @ConditionalOnMissingBean
        TokenRevoker secureLogoutTokenRevoker(ObjectProvider<Clock> clock) {
            return new InMemoryTokenRevoker(clock(clock));
        }

        @Bean
        @ConditionalOnMissingBean
        SessionNotifier secureLogoutNotifier() {
            return new InMemorySessionNotifier();
        }
    }

    /** The stores on the application's {@code DataSource}; notices across nodes only with a Redis URL. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcSessionStore.class)
    @Conditional(StoreCondition.Jdbc.class)
    static class JdbcStores {
        /** With a Redis URL, the notices cross nodes over Redis pub/sub (nested: registered before the in-memory notifier). */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(RedisSessionNotifier.class)
        @ConditionalOnProperty("securelogout.redis.url")
        static class RedisNotices {
            @Bean(destroyMethod = "close")
            @ConditionalOnMissingBean
            RedisConnections secureLogoutRedis(SecureLogoutProperties properties, ObjectProvider<Clock> clock) {
                return RedisConnections.open(properties.redis(), clock(clock), false);
            }

            @Bean(destroyMethod = "") // closed with the connections
            @ConditionalOnMissingBean
            SessionNotifier secureLogoutRedisNotifier(RedisConnections redis) {
                return redis.notifier();
            }
        }

        @Bean
        @ConditionalOnMissingBean
        JdbcSchema secureLogoutSchema(DataSource dataSource, SecureLogoutProperties properties) {
            JdbcSchema schema = JdbcSchema.of(dataSource, properties.jdbc().tablePrefix());
            if (properties.jdbc().initializeSchema()) {
                schema.createIfMissing();
            }
            return schema;
        }

        @Bean
        @ConditionalOnMissingBean
        SessionStore secureLogoutSessionStore(JdbcSchema schema, ObjectProvider<Clock> clock) {
            return new JdbcSessionStore(schema, clock(clock));
        }

        @Bean
        @ConditionalOnMissingBean
        TokenRevoker secureLogoutTokenRevoker(JdbcSchema schema, ObjectProvider<Clock> clock) {
            return new JdbcTokenRevoker(schema, clock(clock));
        }

        @Bean
        @ConditionalOnMissingBean
        SessionNotifier secureLogoutNotifier() {
            return new InMemorySessionNotifier();
        }
    }

    /** The stores, near cache and notifier on Redis. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedisSessionStore.class)
    @Conditional(StoreCondition.Redis.class)
    static class RedisStores {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        RedisConnections secureLogoutRedis(SecureLogoutProperties properties, ObjectProvider<Clock> clock) {
            return RedisConnections.open(properties.redis(), clock(clock), true);
        }

        @Bean
        @ConditionalOnMissingBean
        SessionStore secureLogoutSessionStore(RedisConnections redis) {
            return redis.sessions();
        }

        @Bean
        @ConditionalOnMissingBean
        TokenRevoker secureLogoutTokenRevoker(RedisConnections redis) {
            return redis.tokens();
        }

        @Bean(destroyMethod = "") // closed with the connections
        @ConditionalOnMissingBean
        SessionNotifier secureLogoutNotifier(RedisConnections redis) {
            return redis.notifier();
        }
    }

    static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfAvailable(Clock::systemUTC);
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /** The cookie {@code name} with the shared settings; null when the name is not set. */
    private static CookieSpec cookie(SecureLogoutProperties.Cookies cookies, String name) {
        if (name == null) {
            return null;
        }
        CookieSpec.Builder spec = CookieSpec.named(name);
        set(cookies.sameSite(), spec::sameSite);
        set(cookies.domain(), spec::domain);
        return spec.build();
    }
}
