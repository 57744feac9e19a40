package dev.securelogout.jdbc;

import dev.securelogout.core.LogoutEngine;
import dev.securelogout.tck.LogoutLineContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lineage and line-in-time promises on one database: two engines, each with its own stores over one schema. */
abstract class JdbcLogoutLine extends LogoutLineContract {

    @RegisterExtension
    final SchemaPerTest schemas;

    private JdbcSchema schema;

    JdbcLogoutLine(TestDatabase database) {
        this.schemas = new SchemaPerTest(database);
    }

    @Override
    protected LogoutEngine.Builder node() {
        if (schema == null) {
            schema = schemas.create();
        }
        return Nodes.over(schema);
    }
}
