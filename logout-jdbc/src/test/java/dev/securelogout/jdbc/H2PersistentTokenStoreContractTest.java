package dev.securelogout.jdbc;

import dev.securelogout.core.spi.PersistentTokenStore;
import dev.securelogout.tck.MutableClock;
import dev.securelogout.tck.PersistentTokenStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2PersistentTokenStoreContractTest extends PersistentTokenStoreContract {

    @RegisterExtension
    final SchemaPerTest schemas = new SchemaPerTest(TestDatabase.H2);

    @Override
    protected PersistentTokenStore createStore(MutableClock clock) {
        return new JdbcPersistentTokenStore(schemas.create(), clock);
    }
}
