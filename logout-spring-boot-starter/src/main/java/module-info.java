/**
 * The starter: the auto-configuration with everything it can configure (Spring Security, the JDBC and
 * Redis stores). Dependencies only; it holds no code.
 */
module dev.securelogout.spring.boot.starter {
    requires transitive dev.securelogout.spring.boot.autoconfigure;
    requires transitive dev.securelogout.spring.security;
    requires transitive dev.securelogout.jdbc;
    requires transitive dev.securelogout.redis;
}
