package dev.securelogout.examples;

import java.util.Optional;
import org.junit.jupiter.api.AfterAll;

/** Two nodes sharing PostgreSQL through logout-jdbc; with {@code REDIS_URL} set, notices cross over Redis pub/sub. */
class JdbcTwoNodesIT extends TwoNodesContract {

    private final String prefix = Databases.randomPrefix();
    private final String secret = AppConfig.inMemory().secret();
    private final String channels = Redis.randomPrefix();

    @Override
    AppConfig config() {
        AppConfig postgres = Databases.postgres(prefix, secret);
        return new AppConfig(0, postgres.store(), postgres.jdbcUrl(), prefix, Optional.of(Redis.url()), channels, secret);
    }

    @AfterAll
    void dropTables() throws Exception {
        Databases.drop(prefix);
    }
}
