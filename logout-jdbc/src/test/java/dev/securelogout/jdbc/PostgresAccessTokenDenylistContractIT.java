package dev.securelogout.jdbc;

import dev.securelogout.core.spi.AccessTokenDenylist;
import dev.securelogout.tck.AccessTokenDenylistContract;
import dev.securelogout.tck.MutableClock;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresAccessTokenDenylistContractIT extends AccessTokenDenylistContract {

    @RegisterExtension
    final SchemaPerTest schemas = new SchemaPerTest(TestDatabase.POSTGRESQL);

    @Override
    protected AccessTokenDenylist createDenylist(MutableClock clock) {
        return new JdbcAccessTokenDenylist(schemas.create(), clock);
    }
}
