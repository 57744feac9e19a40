-- secure-logout schema version 2, for MariaDB: the session policy (limits, devices, provider
-- sessions, re-authentication) and token-state retention. Rows of version 1 are kept: a session
-- was authenticated when it was created and last seen at its sign-in address; a token family
-- began with its first generation still stored, on an unknown device; a token state is kept
-- for the default retention (7 days) after its not-before.

ALTER TABLE ${prefix}session ADD COLUMN IF NOT EXISTS authenticated_at BIGINT;
ALTER TABLE ${prefix}session ADD COLUMN IF NOT EXISTS last_seen_ip VARCHAR(64);
ALTER TABLE ${prefix}session ADD COLUMN IF NOT EXISTS provider_issuer VARCHAR(255);
ALTER TABLE ${prefix}session ADD COLUMN IF NOT EXISTS provider_sid VARCHAR(255);
UPDATE ${prefix}session SET authenticated_at = created_at, last_seen_ip = ip WHERE authenticated_at IS NULL;
ALTER TABLE ${prefix}session MODIFY authenticated_at BIGINT NOT NULL;
ALTER TABLE ${prefix}session MODIFY last_seen_ip VARCHAR(64) NOT NULL;
CREATE INDEX IF NOT EXISTS ${prefix}session_provider_idx ON ${prefix}session (provider_issuer, provider_sid);

-- One row per user whose registrations are limited: locked by each such registration, so that
-- two logins of one user on two nodes count the user's sessions one after the other.
CREATE TABLE IF NOT EXISTS ${prefix}session_lock (
    user_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    expires_at BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX IF NOT EXISTS ${prefix}session_lock_expiry_idx ON ${prefix}session_lock (expires_at);

ALTER TABLE ${prefix}token ADD COLUMN IF NOT EXISTS family_issued_at BIGINT;
ALTER TABLE ${prefix}token ADD COLUMN IF NOT EXISTS browser VARCHAR(32) NOT NULL DEFAULT 'Unknown';
ALTER TABLE ${prefix}token ALTER COLUMN browser DROP DEFAULT;
ALTER TABLE ${prefix}token ADD COLUMN IF NOT EXISTS os VARCHAR(32) NOT NULL DEFAULT 'Unknown';
ALTER TABLE ${prefix}token ALTER COLUMN os DROP DEFAULT;
ALTER TABLE ${prefix}token ADD COLUMN IF NOT EXISTS ip VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE ${prefix}token ALTER COLUMN ip DROP DEFAULT;
ALTER TABLE ${prefix}token ADD COLUMN IF NOT EXISTS user_agent VARCHAR(256) NOT NULL DEFAULT '';
ALTER TABLE ${prefix}token ALTER COLUMN user_agent DROP DEFAULT;
UPDATE ${prefix}token t JOIN (SELECT family_id, user_id, MIN(issued_at) AS first_issued FROM ${prefix}token
    GROUP BY family_id, user_id) f ON f.family_id = t.family_id AND f.user_id = t.user_id
    SET t.family_issued_at = f.first_issued WHERE t.family_issued_at IS NULL;
ALTER TABLE ${prefix}token MODIFY family_issued_at BIGINT NOT NULL;

ALTER TABLE ${prefix}token_state ADD COLUMN IF NOT EXISTS expires_at BIGINT;
UPDATE ${prefix}token_state SET expires_at = not_before + 604800000000 WHERE expires_at IS NULL;
ALTER TABLE ${prefix}token_state MODIFY expires_at BIGINT NOT NULL;
CREATE INDEX IF NOT EXISTS ${prefix}token_state_expiry_idx ON ${prefix}token_state (expires_at);

-- The highest version of any purged token state: a user's state created again after a purge
-- starts above it, so that no version is ever handed out twice.
CREATE TABLE IF NOT EXISTS ${prefix}token_state_floor (
    id      INT    NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
INSERT IGNORE INTO ${prefix}token_state_floor (id, version) VALUES (1, 0);

-- Views that show the instants as timestamps (in UTC), for operators: SELECT * FROM ${prefix}session_readable.
-- An instant past the year 9999 (a deadline that never comes) shows as NULL.
CREATE OR REPLACE VIEW ${prefix}session_readable AS SELECT
    user_id,
    handle,
    browser,
    os,
    ip,
    last_seen_ip,
    provider_issuer,
    provider_sid,
    TIMESTAMPADD(MICROSECOND, created_at, TIMESTAMP '1970-01-01 00:00:00') AS created_at,
    TIMESTAMPADD(MICROSECOND, last_active_at, TIMESTAMP '1970-01-01 00:00:00') AS last_active_at,
    TIMESTAMPADD(MICROSECOND, authenticated_at, TIMESTAMP '1970-01-01 00:00:00') AS authenticated_at,
    TIMESTAMPADD(MICROSECOND, absolute_expiry, TIMESTAMP '1970-01-01 00:00:00') AS absolute_expiry,
    idle_timeout / 1000000 AS idle_timeout_seconds,
    TIMESTAMPADD(MICROSECOND, expires_at, TIMESTAMP '1970-01-01 00:00:00') AS expires_at
    FROM ${prefix}session;
CREATE OR REPLACE VIEW ${prefix}token_readable AS SELECT
    user_id,
    kind,
    family_id,
    browser,
    os,
    ip,
    TIMESTAMPADD(MICROSECOND, family_issued_at, TIMESTAMP '1970-01-01 00:00:00') AS family_issued_at,
    TIMESTAMPADD(MICROSECOND, issued_at, TIMESTAMP '1970-01-01 00:00:00') AS issued_at,
    TIMESTAMPADD(MICROSECOND, expires_at, TIMESTAMP '1970-01-01 00:00:00') AS expires_at,
    TIMESTAMPADD(MICROSECOND, family_expires_at, TIMESTAMP '1970-01-01 00:00:00') AS family_expires_at,
    TIMESTAMPADD(MICROSECOND, spent_at, TIMESTAMP '1970-01-01 00:00:00') AS spent_at
    FROM ${prefix}token;
CREATE OR REPLACE VIEW ${prefix}denylist_readable AS SELECT
    issuer,
    jti,
    TIMESTAMPADD(MICROSECOND, expires_at, TIMESTAMP '1970-01-01 00:00:00') AS expires_at
    FROM ${prefix}denylist;
CREATE OR REPLACE VIEW ${prefix}token_state_readable AS SELECT
    user_id,
    version,
    TIMESTAMPADD(MICROSECOND, not_before, TIMESTAMP '1970-01-01 00:00:00') AS not_before,
    TIMESTAMPADD(MICROSECOND, expires_at, TIMESTAMP '1970-01-01 00:00:00') AS expires_at
    FROM ${prefix}token_state;

-- The schema version the stores check at start-up: one row per version applied.
CREATE TABLE IF NOT EXISTS ${prefix}schema_version (
    version     INT          NOT NULL PRIMARY KEY,
    description VARCHAR(200) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
INSERT IGNORE INTO ${prefix}schema_version (version, description) VALUES (2, 'session policy: limits, devices, provider sessions, re-authentication, token-state retention');
