package dev.securelogout.examples.spring;

import dev.securelogout.examples.AppConfig;
import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.TwoNodesContract;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Two Spring nodes sharing PostgreSQL; the live notices cross over Redis pub/sub. */
class JdbcTwoNodesIT extends TwoNodesContract {

    private final String prefix = Stores.tablePrefix();
    private final String channels = Stores.keyPrefix();
    private SpringNode first;
    private SpringNode second;

    @BeforeAll
    void start() {
        AppConfig config = Stores.postgres(Stores.postgresUrl(Stores.pgHost(), Stores.pgPort()), prefix, Stores.secret(), Optional.of(channels));
        first = new SpringNode(config);
        second = new SpringNode(config);
    }

    @AfterAll
    void stop() throws Exception {
        first.close();
        second.close();
        Stores.dropTables(prefix);
        Stores.deleteKeys(channels);
    }

    @Override
    protected List<HttpApp> nodes() {
        return List.of(first.http(), second.http());
    }
}
