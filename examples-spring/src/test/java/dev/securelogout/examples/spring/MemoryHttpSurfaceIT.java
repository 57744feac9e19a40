package dev.securelogout.examples.spring;

import dev.securelogout.examples.AppConfig;
import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.HttpSurfaceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The servlet example's HTTP contract, unchanged, against the Spring example on the in-memory store. */
class MemoryHttpSurfaceIT extends HttpSurfaceContract {

    private SpringNode node;

    @BeforeAll
    void start() {
        node = new SpringNode(AppConfig.inMemory());
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @Override
    protected HttpApp app() {
        return node.http();
    }
}
