package dev.securelogout.jdbc;

import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.tck.AccessTokenDenylistContract;
import dev.securelogout.tck.MutableClock;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2AccessTokenDenylistContractTest extends AccessTokenDenylistContract {

    @RegisterExtension
    final SchemaPerTest schemas = new SchemaPerTest(TestDatabase.H2);

    @Override
    protected AccessTokenDenylist createDenylist(MutableClock clock) {
        return new JdbcAccessTokenDenylist(schemas.create(), clock);
    }
}
