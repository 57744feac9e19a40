package dev.securelogout.jdbc;

import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.tck.MutableClock;
import dev.securelogout.tck.SessionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class MariaDbSessionStoreContractIT extends SessionStoreContract {

    @RegisterExtension
    final SchemaPerTest schemas = new SchemaPerTest(TestDatabase.MARIADB);

    @Override
    protected SessionStore createStore(MutableClock clock) {
        return new JdbcSessionStore(schemas.create(), clock);
    }
}
