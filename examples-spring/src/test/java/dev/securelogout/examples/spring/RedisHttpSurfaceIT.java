package dev.securelogout.examples.spring;

import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.HttpSurfaceContract;
import dev.securelogout.testkit.services.Services;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The HTTP contract against the Spring example on Redis (the starter's Redis stores and near cache). */
class RedisHttpSurfaceIT extends HttpSurfaceContract {

    private final String prefix = Services.randomPrefix("sp-");
    private SpringNode node;

    @BeforeAll
    void start() {
        node = new SpringNode(Stores.redis(Services.redisUrl(), prefix, Stores.secret()));
    }

    @AfterAll
    void stop() {
        node.close();
        Services.deleteKeys(prefix);
    }

    @Override
    protected HttpApp app() {
        return node.http();
    }
}
