package dev.securelogout.examples;

import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.HttpSurfaceContract;
import dev.securelogout.testkit.services.Services;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The HTTP contract on Redis through logout-redis, near cache included. */
class RedisHttpSurfaceIT extends HttpSurfaceContract {

    private final String prefix = Services.randomPrefix("ex-");
    private RunningApp node;

    @BeforeAll
    void start() throws Exception {
        node = new RunningApp(Redis.redis(prefix, AppConfig.inMemory().secret()));
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
