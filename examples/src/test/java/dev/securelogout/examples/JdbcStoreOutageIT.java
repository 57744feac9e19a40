package dev.securelogout.examples;

import dev.securelogout.tck.TcpProxy;
import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.testkit.services.Services;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The outage group of the HTTP contract on PostgreSQL, reached through a proxy the test cuts. */
class JdbcStoreOutageIT extends ProxiedStoreOutage {

    private final String prefix = Databases.randomPrefix();
    private RunningApp node;

    @BeforeAll
    void start() throws Exception {
        proxy = new TcpProxy(Services.postgresqlHost(), Services.postgresqlPort());
        node = new RunningApp(Databases.postgres(Services.postgresqlUrl("127.0.0.1", proxy.port()), prefix,
                AppConfig.inMemory().secret()));
    }

    @AfterAll
    void stop() {
        node.close();
        proxy.close();
        Databases.drop(prefix);
    }

    @Override
    protected HttpApp app() {
        return node.http();
    }
}
