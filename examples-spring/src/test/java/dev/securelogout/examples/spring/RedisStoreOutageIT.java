package dev.securelogout.examples.spring;

import dev.securelogout.tck.TcpProxy;
import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.StoreOutageContract;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The outage group of the HTTP contract against the Spring example on Redis, reached through a proxy the test cuts. */
class RedisStoreOutageIT extends StoreOutageContract {

    private final String prefix = Stores.keyPrefix();
    private TcpProxy proxy;
    private SpringNode node;

    @BeforeAll
    void start() {
        URI redis = URI.create(Stores.redisUrl());
        proxy = new TcpProxy(redis.getHost(), redis.getPort());
        node = new SpringNode(Stores.redis("redis://127.0.0.1:" + proxy.port(), prefix, Stores.secret()));
    }

    @AfterAll
    void stop() {
        node.close();
        proxy.close();
        Stores.deleteKeys(prefix);
    }

    @Override
    protected HttpApp app() {
        return node.http();
    }

    @Override
    protected void storeDown() {
        proxy.cut();
    }

    @Override
    protected void storeUp() {
        proxy.restore();
    }
}
