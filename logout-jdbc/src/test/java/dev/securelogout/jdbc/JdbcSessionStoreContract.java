package dev.securelogout.jdbc;

import dev.securelogout.core.session.Session;
import dev.securelogout.core.spi.SessionStore;
import dev.securelogout.tck.MutableClock;
import dev.securelogout.tck.SessionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The session store contract on one database, each test in a fresh schema; expiries are observed by a purge. */
abstract class JdbcSessionStoreContract extends SessionStoreContract {

    @RegisterExtension
    final SchemaPerTest schemas;

    JdbcSessionStoreContract(TestDatabase database) {
        schemas = new SchemaPerTest(database);
    }

    @Override
    protected SessionStore createStore(MutableClock clock) {
        return new JdbcSessionStore(schemas.create(), clock);
    }

    @Override
    protected void observeExpiry(Session expired) {
        JdbcSessionStore sessions = (JdbcSessionStore) store;
        new JdbcPurger(sessions.schema, clock).reportingExpiriesTo(sessions).runOnce();
    }
}
