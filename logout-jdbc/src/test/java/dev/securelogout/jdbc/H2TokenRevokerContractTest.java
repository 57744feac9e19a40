package dev.securelogout.jdbc;

import dev.securelogout.core.token.TokenRevoker;
import dev.securelogout.tck.MutableClock;
import dev.securelogout.tck.TokenRevokerContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2TokenRevokerContractTest extends TokenRevokerContract {

    @RegisterExtension
    final SchemaPerTest schemas = new SchemaPerTest(TestDatabase.H2);

    @Override
    protected TokenRevoker createRevoker(MutableClock clock) {
        return new JdbcTokenRevoker(schemas.create(), clock);
    }
}
