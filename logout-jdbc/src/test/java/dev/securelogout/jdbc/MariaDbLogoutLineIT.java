package dev.securelogout.jdbc;

/** The lineage and line-in-time promises on MariaDB. */
class MariaDbLogoutLineIT extends JdbcLogoutLine {

    MariaDbLogoutLineIT() {
        super(TestDatabase.MARIADB);
    }
}
