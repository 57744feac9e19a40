package dev.securelogout.jdbc;

import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The databases this module speaks, told apart by {@code DatabaseMetaData#getDatabaseProductName},
 * and the few statements whose syntax differs between them: the upserts, a delete that returns
 * the rows it deleted, and the bounded purge. Everything else is plain SQL shared by all.
 */
enum Dialect {

    POSTGRESQL("postgresql", "42P01") {
        @Override
        String upsertKeepingLater(String table, List<String> key) {
            return "INSERT INTO " + table + " (" + names(key) + ", expires_at) VALUES (" + marks(key.size() + 1) + ")"
                    + " ON CONFLICT (" + names(key) + ") DO UPDATE SET expires_at = GREATEST(" + table + ".expires_at, EXCLUDED.expires_at)";
        }

        @Override
        String upsertTokenState(String table) {
            return "INSERT INTO " + table + " (user_id, version, not_before, expires_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (user_id) DO UPDATE SET version = " + table + ".version + 1,"
                    + " not_before = GREATEST(" + table + ".not_before, EXCLUDED.not_before),"
                    + " expires_at = GREATEST(" + table + ".expires_at, EXCLUDED.expires_at)";
        }

        @Override
        String deleteReturning(String table, String columns, String condition) {
            return "DELETE FROM " + table + " WHERE " + condition + " RETURNING " + columns;
        }

        @Override
        String purgeBatch(String table, String keyColumns) {
            return keyBasedPurge(table, keyColumns);
        }
    },

    MARIADB("mariadb", "42S02") {
        @Override
        String upsertKeepingLater(String table, List<String> key) {
            return "INSERT INTO " + table + " (" + names(key) + ", expires_at) VALUES (" + marks(key.size() + 1) + ")"
                    + " ON DUPLICATE KEY UPDATE expires_at = GREATEST(expires_at, VALUES(expires_at))";
        }

        @Override
        String upsertTokenState(String table) {
            return "INSERT INTO " + table + " (user_id, version, not_before, expires_at) VALUES (?, ?, ?, ?)"
                    + " ON DUPLICATE KEY UPDATE version = version + 1, not_before = GREATEST(not_before, VALUES(not_before)),"
                    + " expires_at = GREATEST(expires_at, VALUES(expires_at))";
        }

        @Override
        String deleteReturning(String table, String columns, String condition) {
            return POSTGRESQL.deleteReturning(table, columns, condition);
        }

        @Override
        String purgeBatch(String table, String keyColumns) {
            return "DELETE FROM " + table + " WHERE expires_at <= ? ORDER BY expires_at LIMIT ?";
        }
    },

    H2("h2", "42S02", "42S03", "42S04") {
        @Override
        String upsertKeepingLater(String table, List<String> key) {
            String casts = key.stream().map(column -> "CAST(? AS " + column.substring(column.indexOf(' ') + 1) + ")")
                    .collect(Collectors.joining(", "));
            String match = key.stream().map(Dialect::name).map(name -> "t." + name + " = s." + name)
                    .collect(Collectors.joining(" AND "));
            String values = key.stream().map(Dialect::name).map(name -> "s." + name).collect(Collectors.joining(", "));
            return "MERGE INTO " + table + " t USING (VALUES (" + casts + ", CAST(? AS BIGINT))) s (" + names(key) + ", expires_at)"
                    + " ON " + match
                    + " WHEN MATCHED THEN UPDATE SET expires_at = GREATEST(t.expires_at, s.expires_at)"
                    + " WHEN NOT MATCHED THEN INSERT (" + names(key) + ", expires_at) VALUES (" + values + ", s.expires_at)";
        }

        @Override
        String upsertTokenState(String table) {
            return "MERGE INTO " + table + " t USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS BIGINT), CAST(? AS BIGINT),"
                    + " CAST(? AS BIGINT))) s (user_id, version, not_before, expires_at) ON t.user_id = s.user_id"
                    + " WHEN MATCHED THEN UPDATE SET version = t.version + 1, not_before = GREATEST(t.not_before, s.not_before),"
                    + " expires_at = GREATEST(t.expires_at, s.expires_at)"
                    + " WHEN NOT MATCHED THEN INSERT (user_id, version, not_before, expires_at)"
                    + " VALUES (s.user_id, s.version, s.not_before, s.expires_at)";
        }

        @Override
        String deleteReturning(String table, String columns, String condition) {
            return "SELECT " + columns + " FROM OLD TABLE (DELETE FROM " + table + " WHERE " + condition + ")";
        }

        @Override
        String purgeBatch(String table, String keyColumns) {
            return keyBasedPurge(table, keyColumns);
        }
    };

    private final String resourceName;
    private final Set<String> missingTableStates;

    Dialect(String resourceName, String... missingTableStates) {
        this.resourceName = resourceName;
        this.missingTableStates = Set.of(missingTableStates);
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

    /** The dialect's name in resource paths and messages, e.g. "postgresql". */
    String resourceName() {
        return resourceName;
    }

    /** Whether a failure says that a table does not exist. */
    boolean isMissingTable(SQLException e) {
        return missingTableStates.contains(e.getSQLState());
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
     * Inserts a row under a key with an {@code expires_at}, or keeps the later {@code expires_at}
     * when the key is taken; either way the row is locked until the transaction ends. {@code key}
     * lists the key columns as {@code "name TYPE"}. Parameters: the key columns, then expires_at.
     */
    abstract String upsertKeepingLater(String table, List<String> key);

    /**
     * Creates the user's token state at a given version or adds one to it, moving not-before and
     * expires_at forward only. Parameters: user_id, version if new, not_before, expires_at.
     */
    abstract String upsertTokenState(String table);

    /**
     * Deletes the rows that match {@code condition} and returns their {@code columns}, in one
     * statement: run it with {@code executeQuery}.
     */
    abstract String deleteReturning(String table, String columns, String condition);

    /**
     * Deletes at most a given number of rows expired at an instant, so that one statement never
     * holds many locks; a row whose expiry moved forward meanwhile stays. Parameters: expires_at
     * bound, row limit, and (for the key-based form) the bound again.
     */
    abstract String purgeBatch(String table, String keyColumns);

    /**
     * {@link #purgeBatch}, returning the deleted rows' {@code columns}: run it with {@code
     * executeQuery}. Same parameters.
     */
    String purgeBatchReturning(String table, String keyColumns, String columns) {
        return this == MARIADB ? purgeBatch(table, keyColumns) + " RETURNING " + columns
                : deleteReturning(table, columns, keyBasedPurgeCondition(table, keyColumns));
    }

    /** How many parameters {@link #purgeBatch} takes. */
    int purgeParameters() {
        return this == MARIADB ? 2 : 3;
    }

    private static String keyBasedPurge(String table, String keyColumns) {
        return "DELETE FROM " + table + " WHERE " + keyBasedPurgeCondition(table, keyColumns);
    }

    private static String keyBasedPurgeCondition(String table, String keyColumns) {
        return "(" + keyColumns + ") IN (SELECT " + keyColumns + " FROM " + table
                + " WHERE expires_at <= ? ORDER BY expires_at LIMIT ?) AND expires_at <= ?";
    }

    private static String name(String column) {
        return column.substring(0, column.indexOf(' '));
    }

    private static String names(List<String> columns) {
        return columns.stream().map(Dialect::name).collect(Collectors.joining(", "));
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
