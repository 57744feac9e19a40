package dev.securelogout.examples;

import dev.securelogout.tck.http.HttpApp;
import dev.securelogout.tck.http.SessionPolicyContract;
import dev.securelogout.testkit.services.Services;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The session policy on two nodes sharing PostgreSQL, notices over Redis: the limit holds when
 * logins race across them.
 */
class JdbcSessionPolicyIT extends SessionPolicyContract {

    private final String prefix = Databases.randomPrefix();
    private SessionPolicyNodes nodes;

    @BeforeAll
    void start() throws Exception {
        AppConfig postgres = Databases.postgres(prefix, AppConfig.inMemory().secret());
        nodes = new SessionPolicyNodes(new AppConfig(0, postgres.store(), postgres.jdbcUrl(), prefix, Optional.of(Services.redisUrl()),
                Services.randomPrefix("ex-"), postgres.secret()));
    }

    @AfterAll
    void stop() {
        nodes.close();
        Databases.drop(prefix);
    }

    @Override
    protected List<HttpApp> nodes() {
        return nodes.http();
    }
}
