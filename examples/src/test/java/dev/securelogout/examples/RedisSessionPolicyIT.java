package dev.securelogout.examples;

import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.SessionPolicyContract;
import dev.securelogout.testkit.services.Services;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The session policy on two nodes sharing Redis: the limit holds when logins race across them. */
class RedisSessionPolicyIT extends SessionPolicyContract {

    private final String prefix = Services.randomPrefix("ex-");
    private SessionPolicyNodes nodes;

    @BeforeAll
    void start() throws Exception {
        nodes = new SessionPolicyNodes(Redis.redis(prefix, AppConfig.inMemory().secret()));
    }

    @AfterAll
    void stop() {
        nodes.close();
        Services.deleteKeys(prefix);
    }

    @Override
    protected List<HttpApp> nodes() {
        return nodes.http();
    }
}
