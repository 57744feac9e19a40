package dev.securelogout.examples.stock;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts {@link StockApp} on a free loopback port with extra properties (no DataSource unless a URL is given). */
final class StockApps {

    private StockApps() {
    }

    static ConfigurableApplicationContext start(Map<String, Object> properties) {
        SpringApplication application = new SpringApplication(StockApp.class);
        Map<String, Object> defaults = new HashMap<>(Map.of("server.address", "127.0.0.1", "server.port", 0, "spring.main.banner-mode", "off"));
        if (!properties.containsKey("spring.datasource.url")) {
            defaults.put("spring.autoconfigure.exclude", "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
        }
        defaults.putAll(properties);
        application.setDefaultProperties(defaults);
        return application.run();
    }

    static URI base(ConfigurableApplicationContext app) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort());
    }
}
