package dev.securelogout.jdbc;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.tck.LogoutLineContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lineage and line-in-time promises on Postgres: two engines, each with its own stores over one schema. */
class PostgresLogoutLineIT extends LogoutLineContract {

    @RegisterExtension
    final SchemaPerTest schemas = new SchemaPerTest(TestDatabase.POSTGRESQL);

    private JdbcSchema schema;

    @Override
    protected LogoutEngine.Builder node() {
        if (schema == null) {
            schema = schemas.create();
        }
        return Nodes.over(schema);
    }
}
