package dev.securelogout.jdbc;

import dev.securelogout.core.LogoutEngine;
import java.time.Clock;

/** Engines as separate nodes would build them: each with its own JDBC stores over one schema. */
final class Nodes {

    private Nodes() {
    }

    /** A builder of one more node over {@code schema}, on the system clock. */
    static LogoutEngine.Builder over(JdbcSchema schema) {
        Clock clock = Clock.systemUTC();
        return LogoutEngine.builder().sessionStore(new JdbcSessionStore(schema, clock))
                .persistentTokenStore(new JdbcPersistentTokenStore(schema, clock))
                .accessTokenDenylist(new JdbcAccessTokenDenylist(schema, clock))
                .tokenVersionStore(new JdbcTokenVersionStore(schema, clock));
    }
}
