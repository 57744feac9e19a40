package dev.securelogout.examples;

import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.HttpSurfaceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The HTTP contract on the in-memory store. */
class MemoryHttpSurfaceIT extends HttpSurfaceContract {

    private RunningApp node;

    @BeforeAll
    void start() throws Exception {
        node = new RunningApp(AppConfig.inMemory());
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
