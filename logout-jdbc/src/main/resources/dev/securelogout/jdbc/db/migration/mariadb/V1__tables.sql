-- secure-logout schema version 1 (release 0.1), for MariaDB (10.5 or later), InnoDB. ${prefix} is replaced by the validated
-- table prefix. Text columns compare as exact bytes without trailing-space padding
-- (utf8mb4_nopad_bin), so that neither case nor a trailing space can make two user ids, two jtis
-- or two digests equal.
-- Credentials are stored only as the SHA-256 digest of their secret (base64url), never as text.
-- Every instant is microseconds since the epoch (UTC), every duration microseconds: no time zone
-- conversion anywhere, and expiry is compared with the store's clock, not the server's.

CREATE TABLE IF NOT EXISTS ${prefix}session (
    digest          VARCHAR(43)  NOT NULL PRIMARY KEY,
    key_partition   VARCHAR(11)  NOT NULL,
    handle          VARCHAR(64)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    created_at      BIGINT       NOT NULL,
    last_active_at  BIGINT       NOT NULL,
    absolute_expiry BIGINT       NOT NULL,
    idle_timeout    BIGINT       NOT NULL,
    expires_at      BIGINT       NOT NULL,
    browser         VARCHAR(32)  NOT NULL,
    os              VARCHAR(32)  NOT NULL,
    ip              VARCHAR(64)  NOT NULL,
    user_agent      VARCHAR(256) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX IF NOT EXISTS ${prefix}session_user_idx ON ${prefix}session (user_id, expires_at);
CREATE INDEX IF NOT EXISTS ${prefix}session_expiry_idx ON ${prefix}session (expires_at);

CREATE TABLE IF NOT EXISTS ${prefix}token (
    digest            VARCHAR(43)  NOT NULL PRIMARY KEY,
    key_partition     VARCHAR(11)  NOT NULL,
    kind              VARCHAR(16)  NOT NULL,
    family_id         VARCHAR(64)  NOT NULL,
    user_id           VARCHAR(255) NOT NULL,
    issued_at         BIGINT       NOT NULL,
    expires_at        BIGINT       NOT NULL,
    family_expires_at BIGINT       NOT NULL,
    spent_at          BIGINT
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
    not_before BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
