/**
 * The engine, its stores and the session registry from {@code securelogout.*} properties; JDBC, Redis,
 * Spring Security, health and Micrometer are optional.
 */
module dev.securelogout.spring.boot.autoconfigure {
    requires transitive org.jspecify;
    requires transitive dev.securelogout.core;
    requires static dev.securelogout.spring.security;
    requires static dev.securelogout.jdbc;
    requires static dev.securelogout.redis;
    requires static java.sql;
    requires static redis.clients.jedis;
    requires static spring.security.web;
    requires static spring.security.core;
    requires static spring.boot.jdbc;
    requires static spring.boot.health;
    requires static dev.securelogout.micrometer;
    requires static micrometer.core;
    requires static micrometer.observation;
    requires transitive spring.boot.autoconfigure;
    requires transitive spring.boot;
    requires transitive spring.context;
    requires transitive spring.beans;
    requires spring.core;
    requires org.slf4j;

    exports dev.securelogout.spring.boot.autoconfigure;

    // Spring creates the configuration classes and binds the properties reflectively
    opens dev.securelogout.spring.boot.autoconfigure;
}
