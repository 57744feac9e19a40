package dev.securelogout.examples.spring;

import dev.securelogout.tck.TcpProxy;
import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.StoreOutageContract;
import dev.securelogout.testkit.services.Services;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The outage group of the HTTP contract against the Spring example on PostgreSQL, reached through
 * a proxy the test cuts: 503 with Retry-After on guarded routes (never a redirect to the login
 * page), cookies still cleared on logout.
 */
class JdbcStoreOutageIT extends StoreOutageContract {

    private final String prefix = Stores.tablePrefix();
    private TcpProxy proxy;
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

    @Override
    protected void storeDown() {
        proxy.cut();
    }

    @Override
    protected void storeUp() {
        proxy.restore();
    }
}
