package dev.securelogout.examples.spring;

import dev.securelogout.examples.AppConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The servlet example's HTTP surface as a Spring Boot application on embedded Tomcat, configured
 * by the same environment variables ({@link AppConfig#fromEnv}: {@code PORT}, {@code LOGOUT_STORE},
 * {@code JDBC_URL}, {@code JDBC_TABLE_PREFIX}, {@code REDIS_URL}, {@code REDIS_PREFIX},
 * {@code JWT_SECRET}, {@code ACCESS_TOKEN_TTL}), which become Spring properties
 * ({@link #properties}). Its security is {@link SecurityConfig}; its pages {@link DemoApp}.
 */
@SpringBootApplication
public class SpringExampleApp {

    /** Runs one node configured by the environment until the process is stopped; exits 2 on a bad variable. */
    public static void main(String[] args) {
        AppConfig config;
        try {
            config = AppConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("secure-logout Spring example: " + e.getMessage());
            System.exit(2);
            return;
        }
        start(config, args);
    }

    /**
     * Starts a node; close the context to stop it.
     *
     * @see #port(ConfigurableApplicationContext)
     */
    public static ConfigurableApplicationContext start(AppConfig config, String... args) {
        SpringApplication app = new SpringApplication(SpringExampleApp.class);
        app.setDefaultProperties(properties(config));
        return app.run(args);
    }

    /** The port a started node listens on. */
    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** The Spring properties that say what {@code config} says. */
    static Map<String, Object> properties(AppConfig config) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.address", "127.0.0.1");
        properties.put("server.port", config.port());
        properties.put("spring.main.banner-mode", "off");
        properties.put("securelogout.store", config.store().name().toLowerCase(Locale.ROOT));
        properties.put("securelogout.secret", config.secret());
        properties.put("securelogout.logout-redirect", "/login?logout");
        properties.put("example.access-token-ttl", config.accessTokenLifetime().toSeconds() + "s");
        config.jdbcUrl().ifPresent(url -> properties.put("spring.datasource.url", url));
        if (config.store() == AppConfig.Store.JDBC) {
            properties.put("securelogout.jdbc.table-prefix", config.jdbcTablePrefix());
            properties.put("securelogout.jdbc.initialize-schema", true);
            // a database that cannot be reached answers 503 within 3 s, not after the pool's 30 s default
            properties.put("spring.datasource.hikari.connection-timeout", 3000);
        } else {
            properties.put("spring.autoconfigure.exclude", "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
        }
        config.redisUrl().ifPresent(url -> properties.put("securelogout.redis.url", url));
        properties.put("securelogout.redis.prefix", config.redisPrefix());
        return properties;
    }
}
