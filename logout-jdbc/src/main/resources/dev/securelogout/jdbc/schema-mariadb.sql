-- secure-logout tables for MariaDB (10.5 or later), InnoDB. ${prefix} is replaced by the validated
-- table prefix. Text columns compare as exact bytes without trailing-space padding
-- (utf8mb4_nopad_bin), so that neither case nor a trailing space can make two user ids, two jtis
-- or two digests equal.
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
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX IF NOT EXISTS ${prefix}session_user_idx ON ${prefix}session (user_id, expires_at);
CREATE INDEX IF NOT EXISTS ${prefix}session_expiry_idx ON ${prefix}session (expires_at);
CREATE INDEX IF NOT EXISTS ${prefix}session_provider_idx ON ${prefix}session (provider_issuer, provider_sid);

-- One row per user whose registrations are limited: locked by each such registration, so that
-- two logins of one user on two nodes count the user's sessions one after the other.
CREATE TABLE IF NOT EXISTS ${prefix}session_lock (
    user_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    expires_at BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
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
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX IF NOT EXISTS ${prefix}token_user_idx ON ${prefix}token (user_id);
CREATE INDEX IF NOT EXISTS ${prefix}token_family_idx ON ${prefix}token (family_id);
CREATE INDEX IF NOT EXISTS ${prefix}token_expiry_idx ON ${prefix}token (expires_at);

CREATE TABLE IF NOT EXISTS ${prefix}denylist (
    issuer     VARCHAR(256) NOT NULL,
    jti        VARCHAR(256) NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (issuer, jti)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX IF NOT EXISTS ${prefix}denylist_expiry_idx ON ${prefix}denylist (expires_at);

CREATE TABLE IF NOT EXISTS ${prefix}token_state (
    user_id    VARCHAR(255) NOT NULL PRIMARY KEY,
    version    BIGINT       NOT NULL,
    not_before BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
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
