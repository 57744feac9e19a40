/**
 * Sessions and tokens over plain JDBC on PostgreSQL, MariaDB or H2: {@link
 * dev.securelogout.jdbc.JdbcSchema} names the tables, {@link dev.securelogout.jdbc.JdbcSessionStore},
 * {@link dev.securelogout.jdbc.JdbcPersistentTokenStore}, {@link
 * dev.securelogout.jdbc.JdbcAccessTokenDenylist} and {@link dev.securelogout.jdbc.JdbcTokenVersionStore}
 * implement the core SPIs, {@link dev.securelogout.jdbc.JdbcPurger} removes expired rows.
 * Credentials are stored only as digests.
 */
@NullMarked
package dev.securelogout.jdbc;

import org.jspecify.annotations.NullMarked;
