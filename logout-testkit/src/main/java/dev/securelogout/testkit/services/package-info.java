/** The shared PostgreSQL, MariaDB and Redis found by environment, cleaned by prefix; a redis-server of a test's own. */
package dev.securelogout.testkit.services;
