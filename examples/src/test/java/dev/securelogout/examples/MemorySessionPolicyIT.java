package dev.securelogout.examples;

import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.SessionPolicyContract;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The session policy on the in-memory store: one node, standing in for both. */
class MemorySessionPolicyIT extends SessionPolicyContract {

    private RunningApp node;

    @BeforeAll
    void start() throws Exception {
        node = new RunningApp(AppConfig.inMemory(), SessionPolicyNodes.POLICY);
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @Override
    protected List<HttpApp> nodes() {
        return List.of(node.http(), node.http());
    }
}
