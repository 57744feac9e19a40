-- secure-logout schema version 2, for PostgreSQL: the session policy (limits, devices, provider
-- sessions, re-authentication) and token-state retention. Rows of version 1 are kept: a session
-- was authenticated when it was created and last seen at its sign-in address; a token family
-- began with its first generation still stored, on an unknown device; a token state is kept
-- for the default retention (7 days) after its not-before.

ALTER TABLE ${prefix}session ADD COLUMN IF NOT EXISTS authenticated_at BIGINT;
ALTER TABLE ${prefix}session ADD COLUMN IF NOT EXISTS last_seen_ip VARCHAR(64);
ALTER TABLE ${prefix}session ADD COLUMN IF NOT EXISTS provider_issuer VARCHAR(255);
ALTER TABLE ${prefix}session ADD COLUMN IF NOT EXISTS provider_sid VARCHAR(255);
UPDATE ${prefix}session SET authenticated_at = created_at, last_seen_ip = ip WHERE authenticated_at IS NULL;
ALTER TABLE ${prefix}session ALTER COLUMN authenticated_at SET NOT NULL;
ALTER TABLE ${prefix}session ALTER COLUMN last_seen_ip SET NOT NULL;
CREATE INDEX IF NOT EXISTS ${prefix}session_provider_idx ON ${prefix}session (provider_issuer, provider_sid);

-- One row per user whose registrations are limited: locked by each such registration, so that
-- two logins of one user on two nodes count the user's sessions one after the other.
CREATE TABLE IF NOT EXISTS ${prefix}session_lock (
    user_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    expires_at BIGINT       NOT NULL
);
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
UPDATE ${prefix}token t SET family_issued_at = (SELECT MIN(f.issued_at) FROM ${prefix}token f
    WHERE f.family_id = t.family_id AND f.user_id = t.user_id) WHERE t.family_issued_at IS NULL;
ALTER TABLE ${prefix}token ALTER COLUMN family_issued_at SET NOT NULL;

ALTER TABLE ${prefix}token_state ADD COLUMN IF NOT EXISTS expires_at BIGINT;
UPDATE ${prefix}token_state SET expires_at = not_before + 604800000000 WHERE expires_at IS NULL;
ALTER TABLE ${prefix}token_state ALTER COLUMN expires_at SET NOT NULL;
CREATE INDEX IF NOT EXISTS ${prefix}token_state_expiry_idx ON ${prefix}token_state (expires_at);

-- The highest version of any purged token state: a user's state created again after a purge
-- starts above it, so that no version is ever handed out twice.
CREATE TABLE IF NOT EXISTS ${prefix}token_state_floor (
    id      INT    NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO ${prefix}token_state_floor (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;

-- Views that show the instants as timestamps (in the session's time zone), for operators: SELECT * FROM ${prefix}session_readable.
CREATE OR REPLACE VIEW ${prefix}session_readable AS SELECT
    user_id,
    handle,
    browser,
    os,
    ip,
    last_seen_ip,
    provider_issuer,
    provider_sid,
    TIMESTAMPTZ 'epoch' + created_at * INTERVAL '1 microsecond' AS created_at,
    TIMESTAMPTZ 'epoch' + last_active_at * INTERVAL '1 microsecond' AS last_active_at,
    TIMESTAMPTZ 'epoch' + authenticated_at * INTERVAL '1 microsecond' AS authenticated_at,
    TIMESTAMPTZ 'epoch' + absolute_expiry * INTERVAL '1 microsecond' AS absolute_expiry,
    idle_timeout / 1000000 AS idle_timeout_seconds,
    TIMESTAMPTZ 'epoch' + expires_at * INTERVAL '1 microsecond' AS expires_at
    FROM ${prefix}session;
CREATE OR REPLACE VIEW ${prefix}token_readable AS SELECT
    user_id,
    kind,
    family_id,
    browser,
    os,
    ip,
    TIMESTAMPTZ 'epoch' + family_issued_at * INTERVAL '1 microsecond' AS family_issued_at,
    TIMESTAMPTZ 'epoch' + issued_at * INTERVAL '1 microsecond' AS issued_at,
    TIMESTAMPTZ 'epoch' + expires_at * INTERVAL '1 microsecond' AS expires_at,
    TIMESTAMPTZ 'epoch' + family_expires_at * INTERVAL '1 microsecond' AS family_expires_at,
    TIMESTAMPTZ 'epoch' + spent_at * INTERVAL '1 microsecond' AS spent_at
    FROM ${prefix}token;
CREATE OR REPLACE VIEW ${prefix}denylist_readable AS SELECT
    issuer,
    jti,
    TIMESTAMPTZ 'epoch' + expires_at * INTERVAL '1 microsecond' AS expires_at
    FROM ${prefix}denylist;
CREATE OR REPLACE VIEW ${prefix}token_state_readable AS SELECT
    user_id,
    version,
    TIMESTAMPTZ 'epoch' + not_before * INTERVAL '1 microsecond' AS not_before,
    TIMESTAMPTZ 'epoch' + expires_at * INTERVAL '1 microsecond' AS expires_at
    FROM ${prefix}token_state;

-- The schema version the stores check at start-up: one row per version applied.
CREATE TABLE IF NOT EXISTS ${prefix}schema_version (
    version     INT          NOT NULL PRIMARY KEY,
    description VARCHAR(200) NOT NULL
);
INSERT INTO ${prefix}schema_version (version, description) VALUES (2, 'session policy: limits, devices, provider sessions, re-authentication, token-state retention') ON CONFLICT (version) DO NOTHING;
