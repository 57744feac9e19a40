package dev.securelogout.examples.spring;

import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.HttpSurfaceContract;
import dev.securelogout.testkit.services.Services;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The HTTP contract against the Spring example on PostgreSQL (the starter's JDBC stores on Boot's DataSource). */
class JdbcHttpSurfaceIT extends HttpSurfaceContract {

    private final String prefix = Stores.tablePrefix();
    private SpringNode node;

    @BeforeAll
    void start() {
        node = new SpringNode(Stores.postgres(Services.postgresqlUrl(), prefix, Stores.secret(), Optional.empty()));
    }

    @AfterAll
    void stop() throws Exception {
        node.close();
        Services.dropTables(Services.postgresql(), prefix);
    }

    @Override
    protected HttpApp app() {
        return node.http();
    }
}
