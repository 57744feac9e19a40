package dev.securelogout.examples.spring;

import dev.securelogout.examples.ProxiedStoreOutage;
import dev.securelogout.tck.TcpProxy;
import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.testkit.services.Services;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The outage group of the HTTP contract against the Spring example on Redis, reached through a proxy the test cuts. */
class RedisStoreOutageIT extends ProxiedStoreOutage {

    private final String prefix = Services.randomPrefix("sp-");
    private SpringNode node;

    @BeforeAll
    void start() {
        URI redis = URI.create(Services.redisUrl());
        proxy = new TcpProxy(redis.getHost(), redis.getPort());
        node = new SpringNode(Stores.redis("redis://127.0.0.1:" + proxy.port(), prefix, Stores.secret()));
    }

    @AfterAll
    void stop() {
        node.close();
        proxy.close();
        Services.deleteKeys(prefix);
    }

    @Override
    protected HttpApp app() {
        return node.http();
    }
}
