package dev.securelogout.examples;

import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.TwoNodesContract;
import dev.securelogout.testkit.services.Services;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Two nodes sharing Redis through logout-redis, each with its near cache; notices cross over Redis pub/sub. */
class RedisTwoNodesIT extends TwoNodesContract {

    private final String prefix = Services.randomPrefix("ex-");
    private RunningApp first;
    private RunningApp second;

    @BeforeAll
    void start() throws Exception {
        AppConfig config = Redis.redis(prefix, AppConfig.inMemory().secret());
        first = new RunningApp(config);
        second = new RunningApp(config);
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
