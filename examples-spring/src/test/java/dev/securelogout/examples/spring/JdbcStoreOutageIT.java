package dev.securelogout.examples.spring;

import dev.securelogout.examples.ProxiedStoreOutage;
import dev.securelogout.tck.TcpProxy;
import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.testkit.services.Services;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The outage group of the HTTP contract against the Spring example on PostgreSQL, reached through
 * a proxy the test cuts: 503 with Retry-After on guarded routes (never a redirect to the login
 * page), cookies still cleared on logout.
 */
class JdbcStoreOutageIT extends ProxiedStoreOutage {

    private final String prefix = Stores.tablePrefix();
    private SpringNode node;

    @BeforeAll
    void start() {
        proxy = new TcpProxy(Services.postgresqlHost(), Services.postgresqlPort());
        node = new SpringNode(Stores.postgres(Services.postgresqlUrl("127.0.0.1", proxy.port()), prefix, Stores.secret(), Optional.empty()));
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
        proxy.close();
        Services.dropTables(Services.postgresql(), prefix);
    }

    @Override
    protected HttpApp app() {
        return node.http();
    }
}
