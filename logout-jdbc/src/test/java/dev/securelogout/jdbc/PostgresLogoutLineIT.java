package dev.securelogout.jdbc;

/** The lineage and line-in-time promises on PostgreSQL. */
class PostgresLogoutLineIT extends JdbcLogoutLine {

    PostgresLogoutLineIT() {
        super(TestDatabase.POSTGRESQL);
    }
}
