package dev.securelogout.examples.spring;

import dev.securelogout.examples.AppConfig;
import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.TwoNodesContract;
import dev.securelogout.testkit.services.Services;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Two Spring nodes sharing PostgreSQL; the live notices cross over Redis pub/sub. */
class JdbcTwoNodesIT extends TwoNodesContract {

    private final String prefix = Stores.tablePrefix();
    private final String channels = Services.randomPrefix("sp-");
    private SpringNode first;
    private SpringNode second;

    @BeforeAll
    void start() {
        AppConfig config = Stores.postgres(Services.postgresqlUrl(), prefix, Stores.secret(), Optional.of(channels));
        first = new SpringNode(config);
        second = new SpringNode(config);
    }

    @AfterAll
    void stop() throws Exception {
        first.close();
        second.close();
        Services.dropTables(Services.postgresql(), prefix);
        Services.deleteKeys(channels);
    }

    @Override
    protected List<HttpApp> nodes() {
        return List.of(first.http(), second.http());
    }
}
