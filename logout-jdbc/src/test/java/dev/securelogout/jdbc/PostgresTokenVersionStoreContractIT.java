package dev.securelogout.jdbc;

import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.tck.MutableClock;
import dev.securelogout.tck.TokenVersionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresTokenVersionStoreContractIT extends TokenVersionStoreContract {

    @RegisterExtension
    final SchemaPerTest schemas = new SchemaPerTest(TestDatabase.POSTGRESQL);

    @Override
    protected TokenVersionStore createStore(MutableClock clock) {
        return new JdbcTokenVersionStore(schemas.create(), clock);
    }
}
