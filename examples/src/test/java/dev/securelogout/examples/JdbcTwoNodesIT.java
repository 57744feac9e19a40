package dev.securelogout.examples;

import org.junit.jupiter.api.AfterAll;

/** Two nodes sharing PostgreSQL through logout-jdbc. */
class JdbcTwoNodesIT extends TwoNodesContract {

    private final String prefix = Databases.randomPrefix();
    private final String secret = AppConfig.inMemory().secret();

    @Override
    AppConfig config() {
        return Databases.postgres(prefix, secret);
    }

    @AfterAll
    void dropTables() throws Exception {
        Databases.drop(prefix);
    }
}
