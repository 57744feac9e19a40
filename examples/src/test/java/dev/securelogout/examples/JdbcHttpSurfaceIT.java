package dev.securelogout.examples;

import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.HttpSurfaceContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The HTTP contract on PostgreSQL through logout-jdbc. */
class JdbcHttpSurfaceIT extends HttpSurfaceContract {

    private final String prefix = Databases.randomPrefix();
    private RunningApp node;

    @BeforeAll
    void start() throws Exception {
        node = new RunningApp(Databases.postgres(prefix, AppConfig.inMemory().secret()));
    }

    @AfterAll
    void stop() {
        node.close();
        Databases.drop(prefix);
    }

    @Override
    protected HttpApp app() {
        return node.http();
    }
}
