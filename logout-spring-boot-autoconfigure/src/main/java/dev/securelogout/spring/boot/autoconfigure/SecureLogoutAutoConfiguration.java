package dev.securelogout.spring.boot.autoconfigure;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.core.SecurityEvent;
import dev.securelogout.core.cookie.CookieSpec;
import dev.securelogout.core.credential.PartitionKey;
import dev.securelogout.core.memory.InMemoryStores;
import dev.securelogout.core.monitor.EngineMonitor;
import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.core.spi.LogoutListener;
import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.core.spi.SessionNotifier;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.jdbc.JdbcAccessTokenDenylist;
import dev.securelogout.jdbc.JdbcPersistentTokenStore;
import dev.securelogout.jdbc.JdbcSchema;
import dev.securelogout.jdbc.JdbcSessionStore;
import dev.securelogout.jdbc.JdbcTokenVersionStore;
import dev.securelogout.micrometer.MicrometerEngineMonitor;
import dev.securelogout.redis.RedisSessionNotifier;
import dev.securelogout.redis.RedisSessionStore;
import dev.securelogout.spring.security.StoreSessionRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
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
 * {@link SecureLogoutProperties securelogout.*}, its four stores (sessions, remember-me and refresh
 * tokens, the access-token denylist, token versions: Redis, JDBC on the application's
 * {@code DataSource}, or in memory; see {@link SecureLogoutProperties#store()}), its notifier, and
 * Spring Security's {@link SessionRegistry} over the store. Every bean backs off when the
 * application declares its own of the type. The application's {@link LogoutListener} beans are
 * added to the engine's audit log; an {@link EngineMonitor} bean is set on the engine (and on Redis
 * its near cache): the application's own, or else, with logout-micrometer and a {@link MeterRegistry}
 * bean (Spring Boot's actuator provides one), a {@link MicrometerEngineMonitor} on it and on the
 * {@link ObservationRegistry} when there is one; with Spring Boot's health module, a
 * {@link SecureLogoutHealthIndicator} reports the engine's {@code health()}.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@EnableConfigurationProperties(SecureLogoutProperties.class)
@Import({SecureLogoutAutoConfiguration.RedisStores.class,
        SecureLogoutAutoConfiguration.JdbcStores.class, SecureLogoutAutoConfiguration.MemoryStores.class,
        SecureLogoutAutoConfiguration.SpringSecurity.class, SecureLogoutAutoConfiguration.HealthContributor.class,
        SecureLogoutAutoConfiguration.Metrics.class})
public class SecureLogoutAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecureLogoutAutoConfiguration.class);

    /** Created by Spring Boot when the auto-configuration applies. */
    public SecureLogoutAutoConfiguration() {
    }

    /**
     * The engine over the store, notifier and listener beans, configured by the properties.
     *
     * @param properties the properties
     * @param sessions the sessions
     * @param tokens the tokens
     * @param denylist the denylist
     * @param tokenVersions the token versions
     * @param notifier the session notifier
     * @param listeners the listeners
     * @param clock the clock that tells the time
     * @param monitor where the engine reports what an operator measures, when the application declares one
     * @return the engine over the store, notifier and listener beans, configured by the properties
     * @throws IllegalStateException    when {@code securelogout.secret} is shorter than 32 bytes
     * @throws IllegalArgumentException when a setting is inconsistent
     */
    @Bean
    @ConditionalOnMissingBean
    public LogoutEngine logoutEngine(SecureLogoutProperties properties, SessionStore sessions, PersistentTokenStore tokens,
                                     AccessTokenDenylist denylist, TokenVersionStore tokenVersions, SessionNotifier notifier,
                                     ObjectProvider<LogoutListener> listeners, ObjectProvider<Clock> clock,
                                     ObjectProvider<EngineMonitor> monitor) {
        LogoutEngine.Builder engine = LogoutEngine.builder().clock(clock(clock)).sessionStore(sessions)
                .persistentTokenStore(tokens).accessTokenDenylist(denylist).tokenVersionStore(tokenVersions).notifier(notifier);
        monitor.ifAvailable(engine::monitor);
        listeners.orderedStream().forEach(engine::listener);
        if (properties.secret() != null && !properties.secret().isBlank()) {
            engine.secretKey(properties.derivedKey(SecureLogoutProperties.ENGINE_KEY));
        } else {
            LOG.info("securelogout.secret is not set: this node's key is random, which suits one node only");
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
        if (properties.keepCurrentSessionOn() != null) {
            engine.keepCurrentSessionOn(properties.keepCurrentSessionOn().toArray(SecurityEvent[]::new));
        }
        SecureLogoutProperties.Cookies cookies = properties.cookies();
        set(cookie(cookies, cookies.sessionName()), engine::sessionCookie);
        set(cookie(cookies, cookies.rememberMeName()), engine::rememberMeCookie);
        return engine.build();
    }

    /** The engine's health on the health endpoint, when Spring Boot's health module is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class HealthContributor {
        @Bean
        @ConditionalOnMissingBean
        SecureLogoutHealthIndicator secureLogoutHealthIndicator(LogoutEngine engine) {
            return new SecureLogoutHealthIndicator(engine);
        }
    }

    /** The engine's meters on the application's registry, when it has logout-micrometer and a {@link MeterRegistry}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MicrometerEngineMonitor.class, MeterRegistry.class})
    @ConditionalOnBean(MeterRegistry.class)
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean(EngineMonitor.class)
        MicrometerEngineMonitor secureLogoutMonitor(MeterRegistry registry, ObjectProvider<ObservationRegistry> observations) {
            return new MicrometerEngineMonitor(registry, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
        }
    }

    /** Spring Security's session registry over the store, for {@code maximumSessions(n)} across nodes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({StoreSessionRegistry.class, SessionRegistry.class})
    static class SpringSecurity {
        @Bean
        @ConditionalOnMissingBean(SessionRegistry.class)
        StoreSessionRegistry sessionRegistry(LogoutEngine engine) {
            return new StoreSessionRegistry(engine);
        }
    }

    /** One node: the stores in this process. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(StoreCondition.Memory.class)
    static class MemoryStores {
        @Bean
        @ConditionalOnMissingBean
        SessionStore secureLogoutSessionStore(ObjectProvider<Clock> clock) {
            return InMemoryStores.sessionStore(clock(clock));
        }

        @Bean
        @ConditionalOnMissingBean
        PersistentTokenStore secureLogoutPersistentTokenStore(ObjectProvider<Clock> clock) {
            return InMemoryStores.persistentTokenStore(clock(clock));
        }

        @Bean
        @ConditionalOnMissingBean
        AccessTokenDenylist secureLogoutAccessTokenDenylist(ObjectProvider<Clock> clock) {
            return InMemoryStores.accessTokenDenylist(clock(clock));
        }

        @Bean
        @ConditionalOnMissingBean
        TokenVersionStore secureLogoutTokenVersionStore() {
            return InMemoryStores.tokenVersionStore();
        }

        @Bean
        @ConditionalOnMissingBean
        SessionNotifier secureLogoutNotifier() {
            return InMemoryStores.notifier();
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
                return RedisConnections.open(properties.redis(), clock(clock), Optional.empty(), EngineMonitor.NONE);
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

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        JdbcPurging secureLogoutJdbcPurging(JdbcSchema schema, SessionStore sessions, SecureLogoutProperties properties,
                                            ObjectProvider<Clock> clock) {
            return new JdbcPurging(schema, sessions, clock(clock), properties.jdbc().purgeInterval());
        }

        @Bean
        @ConditionalOnMissingBean
        PersistentTokenStore secureLogoutPersistentTokenStore(JdbcSchema schema, ObjectProvider<Clock> clock) {
            return new JdbcPersistentTokenStore(schema, clock(clock));
        }

        @Bean
        @ConditionalOnMissingBean
        AccessTokenDenylist secureLogoutAccessTokenDenylist(JdbcSchema schema, ObjectProvider<Clock> clock) {
            return new JdbcAccessTokenDenylist(schema, clock(clock));
        }

        @Bean
        @ConditionalOnMissingBean
        TokenVersionStore secureLogoutTokenVersionStore(JdbcSchema schema, ObjectProvider<Clock> clock) {
            return new JdbcTokenVersionStore(schema, clock(clock));
        }

        @Bean
        @ConditionalOnMissingBean
        SessionNotifier secureLogoutNotifier() {
            return InMemoryStores.notifier();
        }
    }

    /** The stores, near cache and notifier on Redis. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedisSessionStore.class)
    @Conditional(StoreCondition.Redis.class)
    static class RedisStores {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        RedisConnections secureLogoutRedis(SecureLogoutProperties properties, ObjectProvider<Clock> clock,
                                           ObjectProvider<EngineMonitor> monitor) {
            // Every node derives the same credential partitions from the shared secret, as the engine does.
            return RedisConnections.open(properties.redis(), clock(clock),
                    Optional.of(PartitionKey.of(properties.derivedKey(SecureLogoutProperties.ENGINE_KEY))),
                    monitor.getIfAvailable(() -> EngineMonitor.NONE));
        }

        @Bean
        @ConditionalOnMissingBean
        SessionStore secureLogoutSessionStore(RedisConnections redis) {
            return redis.sessions();
        }

        @Bean
        @ConditionalOnMissingBean
        PersistentTokenStore secureLogoutPersistentTokenStore(RedisConnections redis) {
            return redis.persistentTokens();
        }

        @Bean
        @ConditionalOnMissingBean
        AccessTokenDenylist secureLogoutAccessTokenDenylist(RedisConnections redis) {
            return redis.denylist();
        }

        @Bean
        @ConditionalOnMissingBean
        TokenVersionStore secureLogoutTokenVersionStore(RedisConnections redis) {
            return redis.tokenVersions();
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

    private static <T> void set(@Nullable T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /** The cookie {@code name} with the shared settings; null when the name is not set. */
    private static @Nullable CookieSpec cookie(SecureLogoutProperties.Cookies cookies, @Nullable String name) {
        if (name == null) {
            return null;
        }
        CookieSpec.Builder spec = CookieSpec.named(name);
        set(cookies.sameSite(), spec::sameSite);
        set(cookies.domain(), spec::domain);
        return spec.build();
    }
}
