package dev.securelogout.jdbc;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.tck.LogoutLineContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lineage and line-in-time promises on MariaDb: two engines, each with its own stores over one schema. */
class MariaDbLogoutLineIT extends LogoutLineContract {

    @RegisterExtension
    final SchemaPerTest schemas = new SchemaPerTest(TestDatabase.MARIADB);

    private JdbcSchema schema;

    @Override
    protected LogoutEngine.Builder node() {
        if (schema == null) {
            schema = schemas.create();
        }
        return Nodes.over(schema);
    }
}
