package dev.securelogout.examples;

import org.junit.jupiter.api.AfterAll;

/** The HTTP surface on PostgreSQL through logout-jdbc. */
class JdbcHttpSurfaceIT extends HttpSurfaceContract {

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
