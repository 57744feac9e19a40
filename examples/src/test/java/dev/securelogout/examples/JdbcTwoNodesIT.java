package dev.securelogout.examples;

import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.TwoNodesContract;
import dev.securelogout.testkit.services.Services;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Two nodes sharing PostgreSQL through logout-jdbc; with {@code REDIS_URL} set, notices cross over Redis pub/sub. */
class JdbcTwoNodesIT extends TwoNodesContract {

    private final String prefix = Databases.randomPrefix();
    private RunningApp first;
    private RunningApp second;

    @BeforeAll
    void start() throws Exception {
        AppConfig postgres = Databases.postgres(prefix, AppConfig.inMemory().secret());
        AppConfig config = new AppConfig(0, postgres.store(), postgres.jdbcUrl(), prefix, Optional.of(Services.redisUrl()),
                Services.randomPrefix("ex-"), postgres.secret());
        first = new RunningApp(config);
        second = new RunningApp(config);
    }

    @AfterAll
    void stop() {
        first.close();
        second.close();
        Databases.drop(prefix);
    }

    @Override
    protected List<HttpApp> nodes() {
        return List.of(first.http(), second.http());
    }
}
