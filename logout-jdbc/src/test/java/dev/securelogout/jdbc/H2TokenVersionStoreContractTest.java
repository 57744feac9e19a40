package dev.securelogout.jdbc;

import dev.securelogout.core.spi.TokenVersionStore;
import dev.securelogout.tck.MutableClock;
import dev.securelogout.tck.TokenVersionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2TokenVersionStoreContractTest extends TokenVersionStoreContract {

    @RegisterExtension
    final SchemaPerTest schemas = new SchemaPerTest(TestDatabase.H2);

    @Override
    protected TokenVersionStore createStore(MutableClock clock) {
        return new JdbcTokenVersionStore(schemas.create(), clock);
    }
}
