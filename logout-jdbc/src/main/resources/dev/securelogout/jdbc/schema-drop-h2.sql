-- Drops the secure-logout tables (and with them their indexes). ${prefix} is the table prefix.
DROP TABLE IF EXISTS ${prefix}session;
DROP TABLE IF EXISTS ${prefix}session_lock;
DROP TABLE IF EXISTS ${prefix}token;
DROP TABLE IF EXISTS ${prefix}denylist;
DROP TABLE IF EXISTS ${prefix}token_state;
DROP TABLE IF EXISTS ${prefix}token_state_floor;
