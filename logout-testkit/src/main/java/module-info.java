/**
 * The test harness: an embedded Jetty app, the shared services found by environment, a redis-server of a test's own;
 * with {@code dev.securelogout.tck}'s clock, polling, outage proxy and HTTP clients.
 */
module dev.securelogout.testkit {
    requires transitive dev.securelogout.tck;
    requires transitive jakarta.servlet;
    requires transitive java.sql;
    requires transitive org.eclipse.jetty.ee10.servlet;
    requires transitive org.eclipse.jetty.server;
    requires transitive redis.clients.jedis;
    requires org.mariadb.jdbc;
    requires transitive org.postgresql.jdbc;

    exports dev.securelogout.testkit.http;
    exports dev.securelogout.testkit.jetty;
    exports dev.securelogout.testkit.services;
}
