package dev.securelogout.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test its own schema under a random table prefix on one {@link TestDatabase}, and
 * drops every schema it handed out when the test ends. Register it with
 * {@code @RegisterExtension}.
 */
final class SchemaPerTest implements AfterEachCallback {

    private final TestDatabase database;
    private final List<JdbcSchema> created = new ArrayList<>();

    SchemaPerTest(TestDatabase database) {
        this.database = database;
    }

    /** The database the schemas are on. */
    TestDatabase database() {
        return database;
    }

    /** A fresh schema with its tables, dropped after the test. */
    JdbcSchema create() {
        JdbcSchema schema = database.freshSchema();
        created.add(schema);
        return schema;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        created.forEach(JdbcSchema::drop);
        created.clear();
    }
}
