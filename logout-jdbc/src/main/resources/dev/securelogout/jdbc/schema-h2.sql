-- secure-logout tables for H2 (2.x). ${prefix} is replaced by the validated table prefix.
-- Credentials are stored only as the SHA-256 digest of their secret (base64url), never as text.
-- Every instant is microseconds since the epoch (UTC), every duration microseconds: no time zone
-- conversion anywhere, and expiry is compared with the store's clock, not the server's.

CREATE TABLE IF NOT EXISTS ${prefix}session (
    digest           VARCHAR(43)  NOT NULL PRIMARY KEY,
    key_partition    VARCHAR(11)  NOT NULL,
    handle           VARCHAR(64)  NOT NULL,
    user_id          VARCHAR(255) NOT NULL,
    created_at       BIGINT       NOT NULL,
    last_active_at   BIGINT       NOT NULL,
    absolute_expiry  BIGINT       NOT NULL,
    idle_timeout     BIGINT       NOT NULL,
    expires_at       BIGINT       NOT NULL,
    browser          VARCHAR(32)  NOT NULL,
    os               VARCHAR(32)  NOT NULL,
    ip               VARCHAR(64)  NOT NULL,
    user_agent       VARCHAR(256) NOT NULL,
    authenticated_at BIGINT       NOT NULL,
    last_seen_ip     VARCHAR(64)  NOT NULL,
    provider_issuer  VARCHAR(255),
    provider_sid     VARCHAR(255)
);
CREATE INDEX IF NOT EXISTS ${prefix}session_user_idx ON ${prefix}session (user_id, expires_at);
CREATE INDEX IF NOT EXISTS ${prefix}session_expiry_idx ON ${prefix}session (expires_at);
CREATE INDEX IF NOT EXISTS ${prefix}session_provider_idx ON ${prefix}session (provider_issuer, provider_sid);

-- One row per user whose registrations are limited: locked by each such registration, so that
-- two logins of one user on two nodes count the user's sessions one after the other.
CREATE TABLE IF NOT EXISTS ${prefix}session_lock (
    user_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    expires_at BIGINT       NOT NULL
);
CREATE INDEX IF NOT EXISTS ${prefix}session_lock_expiry_idx ON ${prefix}session_lock (expires_at);

CREATE TABLE IF NOT EXISTS ${prefix}token (
    digest            VARCHAR(43)  NOT NULL PRIMARY KEY,
    key_partition     VARCHAR(11)  NOT NULL,
    kind              VARCHAR(16)  NOT NULL,
    family_id         VARCHAR(64)  NOT NULL,
    user_id           VARCHAR(255) NOT NULL,
    issued_at         BIGINT       NOT NULL,
    expires_at        BIGINT       NOT NULL,
    family_expires_at BIGINT       NOT NULL,
    spent_at          BIGINT,
    family_issued_at  BIGINT       NOT NULL,
    browser           VARCHAR(32)  NOT NULL,
    os                VARCHAR(32)  NOT NULL,
    ip                VARCHAR(64)  NOT NULL,
    user_agent        VARCHAR(256) NOT NULL
);
CREATE INDEX IF NOT EXISTS ${prefix}token_user_idx ON ${prefix}token (user_id);
CREATE INDEX IF NOT EXISTS ${prefix}token_family_idx ON ${prefix}token (family_id);
CREATE INDEX IF NOT EXISTS ${prefix}token_expiry_idx ON ${prefix}token (expires_at);

CREATE TABLE IF NOT EXISTS ${prefix}denylist (
    issuer     VARCHAR(256) NOT NULL,
    jti        VARCHAR(256) NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (issuer, jti)
);
CREATE INDEX IF NOT EXISTS ${prefix}denylist_expiry_idx ON ${prefix}denylist (expires_at);

CREATE TABLE IF NOT EXISTS ${prefix}token_state (
    user_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    version    BIGINT       NOT NULL,
    not_before BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL
);
CREATE INDEX IF NOT EXISTS ${prefix}token_state_expiry_idx ON ${prefix}token_state (expires_at);

-- The highest version of any purged token state: a user's state created again after a purge
-- starts above it, so that no version is ever handed out twice.
CREATE TABLE IF NOT EXISTS ${prefix}token_state_floor (
    id      INT    NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO ${prefix}token_state_floor (id, version) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM ${prefix}token_state_floor);

-- Views that show the instants as timestamps (in UTC), for operators: SELECT * FROM ${prefix}session_readable.
CREATE OR REPLACE VIEW ${prefix}session_readable AS SELECT
    user_id,
    handle,
    browser,
    os,
    ip,
    last_seen_ip,
    provider_issuer,
    provider_sid,
    DATEADD(MICROSECOND, created_at, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00') AS created_at,
    DATEADD(MICROSECOND, last_active_at, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00') AS last_active_at,
    DATEADD(MICROSECOND, authenticated_at, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00') AS authenticated_at,
    DATEADD(MICROSECOND, absolute_expiry, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00') AS absolute_expiry,
    idle_timeout / 1000000 AS idle_timeout_seconds,
    DATEADD(MICROSECOND, expires_at, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00') AS expires_at
    FROM ${prefix}session;
CREATE OR REPLACE VIEW ${prefix}token_readable AS SELECT
    user_id,
    kind,
    family_id,
    browser,
    os,
    ip,
    DATEADD(MICROSECOND, family_issued_at, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00') AS family_issued_at,
    DATEADD(MICROSECOND, issued_at, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00') AS issued_at,
    DATEADD(MICROSECOND, expires_at, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00') AS expires_at,
    DATEADD(MICROSECOND, family_expires_at, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00') AS family_expires_at,
    DATEADD(MICROSECOND, spent_at, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00') AS spent_at
    FROM ${prefix}token;
CREATE OR REPLACE VIEW ${prefix}denylist_readable AS SELECT
    issuer,
    jti,
    DATEADD(MICROSECOND, expires_at, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00') AS expires_at
    FROM ${prefix}denylist;
CREATE OR REPLACE VIEW ${prefix}token_state_readable AS SELECT
    user_id,
    version,
    DATEADD(MICROSECOND, not_before, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00') AS not_before,
    DATEADD(MICROSECOND, expires_at, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00') AS expires_at
    FROM ${prefix}token_state;

-- The schema version the stores check at start-up: one row per version applied.
CREATE TABLE IF NOT EXISTS ${prefix}schema_version (
    version     INT          NOT NULL PRIMARY KEY,
    description VARCHAR(200) NOT NULL
);
INSERT INTO ${prefix}schema_version (version, description) SELECT 2, 'session policy: limits, devices, provider sessions, re-authentication, token-state retention' WHERE NOT EXISTS (SELECT 1 FROM ${prefix}schema_version WHERE version = 2);
