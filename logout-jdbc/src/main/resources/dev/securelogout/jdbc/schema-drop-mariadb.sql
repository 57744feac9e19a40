-- Drops the secure-logout views and tables (and with them their indexes). ${prefix} is the table prefix.
DROP VIEW IF EXISTS ${prefix}session_readable;
DROP VIEW IF EXISTS ${prefix}token_readable;
DROP VIEW IF EXISTS ${prefix}denylist_readable;
DROP VIEW IF EXISTS ${prefix}token_state_readable;
DROP TABLE IF EXISTS ${prefix}session;
DROP TABLE IF EXISTS ${prefix}session_lock;
DROP TABLE IF EXISTS ${prefix}token;
DROP TABLE IF EXISTS ${prefix}denylist;
DROP TABLE IF EXISTS ${prefix}token_state;
DROP TABLE IF EXISTS ${prefix}token_state_floor;
DROP TABLE IF EXISTS ${prefix}schema_version;
