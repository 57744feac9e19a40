package dev.securelogout.examples.spring;

import dev.securelogout.examples.AppConfig;
import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.TwoNodesContract;
import dev.securelogout.testkit.services.Services;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Two Spring nodes sharing Redis, each with its near cache. */
class RedisTwoNodesIT extends TwoNodesContract {

    private final String prefix = Services.randomPrefix("sp-");
    private SpringNode first;
    private SpringNode second;

    @BeforeAll
    void start() {
        AppConfig config = Stores.redis(Services.redisUrl(), prefix, Stores.secret());
        first = new SpringNode(config);
        second = new SpringNode(config);
    }

    @AfterAll
    void stop() {
        first.close();
        second.close();
        Services.deleteKeys(prefix);
    }

    @Override
    protected List<HttpApp> nodes() {
        return List.of(first.http(), second.http());
    }
}
