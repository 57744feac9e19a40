/**
 * The four stores over plain JDBC, with schema files for PostgreSQL, MariaDB and H2.
 */
module dev.securelogout.jdbc {
    requires transitive org.jspecify;
    requires transitive dev.securelogout.core;
    requires transitive java.sql;
    requires org.slf4j;

    exports dev.securelogout.jdbc;
}
