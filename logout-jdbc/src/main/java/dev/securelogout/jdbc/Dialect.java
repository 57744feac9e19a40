package dev.securelogout.jdbc;

import java.util.Locale;

/**
 * The databases this module speaks, told apart by {@code DatabaseMetaData#getDatabaseProductName},
 * and the few statements whose syntax differs between them: the two upserts and the bounded
 * purge. Everything else is plain SQL shared by all.
 */
enum Dialect {

    POSTGRESQL("postgresql") {
        @Override
        String upsertDenylist(String table) {
            return "INSERT INTO " + table + " (issuer, jti, expires_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT (issuer, jti) DO UPDATE SET expires_at = GREATEST(" + table + ".expires_at, EXCLUDED.expires_at)";
        }

        @Override
        String upsertTokenState(String table) {
            return "INSERT INTO " + table + " (user_id, version, not_before) VALUES (?, 1, ?)"
                    + " ON CONFLICT (user_id) DO UPDATE SET version = " + table + ".version + 1,"
                    + " not_before = GREATEST(" + table + ".not_before, EXCLUDED.not_before)";
        }

        @Override
        String purgeBatch(String table, String keyColumns) {
            return keyBasedPurge(table, keyColumns);
        }
    },

    MARIADB("mariadb") {
        @Override
        String upsertDenylist(String table) {
            return "INSERT INTO " + table + " (issuer, jti, expires_at) VALUES (?, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE expires_at = GREATEST(expires_at, VALUES(expires_at))";
        }

        @Override
        String upsertTokenState(String table) {
            return "INSERT INTO " + table + " (user_id, version, not_before) VALUES (?, 1, ?)"
                    + " ON DUPLICATE KEY UPDATE version = version + 1, not_before = GREATEST(not_before, VALUES(not_before))";
        }

        @Override
        String purgeBatch(String table, String keyColumns) {
            return "DELETE FROM " + table + " WHERE expires_at <= ? LIMIT ?";
        }
    },

    H2("h2") {
        @Override
        String upsertDenylist(String table) {
            return "MERGE INTO " + table + " t USING (VALUES (CAST(? AS VARCHAR(256)), CAST(? AS VARCHAR(256)), CAST(? AS BIGINT)))"
                    + " s (issuer, jti, expires_at) ON t.issuer = s.issuer AND t.jti = s.jti"
                    + " WHEN MATCHED THEN UPDATE SET expires_at = GREATEST(t.expires_at, s.expires_at)"
                    + " WHEN NOT MATCHED THEN INSERT (issuer, jti, expires_at) VALUES (s.issuer, s.jti, s.expires_at)";
        }

        @Override
        String upsertTokenState(String table) {
            return "MERGE INTO " + table + " t USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS BIGINT)))"
                    + " s (user_id, not_before) ON t.user_id = s.user_id"
                    + " WHEN MATCHED THEN UPDATE SET version = t.version + 1, not_before = GREATEST(t.not_before, s.not_before)"
                    + " WHEN NOT MATCHED THEN INSERT (user_id, version, not_before) VALUES (s.user_id, 1, s.not_before)";
        }

        @Override
        String purgeBatch(String table, String keyColumns) {
            return keyBasedPurge(table, keyColumns);
        }
    };

    private final String resourceName;

    Dialect(String resourceName) {
        this.resourceName = resourceName;
    }

    /** The dialect of a database product name; any other database is refused. */
    static Dialect of(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (name.contains("mariadb")) {
            return MARIADB;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new IllegalArgumentException("unsupported database \"" + productName + "\": PostgreSQL, MariaDB or H2 expected");
    }

    /** Classpath resource of the create script. */
    String schemaResource() {
        return "schema-" + resourceName + ".sql";
    }

    /** Classpath resource of the drop script. */
    String dropResource() {
        return "schema-drop-" + resourceName + ".sql";
    }

    /**
     * Denies (issuer, jti) until an instant, keeping the later instant if it is denied already.
     * Parameters: issuer, jti, expires_at.
     */
    abstract String upsertDenylist(String table);

    /**
     * Creates the user's token state at version 1 or adds one to it, moving not-before forward
     * only. Parameters: user_id, not_before.
     */
    abstract String upsertTokenState(String table);

    /**
     * Deletes at most a given number of rows expired at an instant, so that one statement never
     * holds many locks. Parameters: expires_at bound, row limit.
     */
    abstract String purgeBatch(String table, String keyColumns);

    private static String keyBasedPurge(String table, String keyColumns) {
        return "DELETE FROM " + table + " WHERE (" + keyColumns + ") IN (SELECT " + keyColumns + " FROM " + table
                + " WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)";
    }
}
