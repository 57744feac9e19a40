package dev.securelogout.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The tables, views, columns and indexes under one table prefix, as the driver's metadata
 * describes them, with the prefix taken off every name: two schemas built differently (the
 * plain script, or the migrations) compare equal when they have the same shape.
 */
final class Catalog {

    /** Tables the migration tools keep for themselves, left out of the comparison. */
    private static final Set<String> TOOL_TABLES = Set.of("flyway_history", "changelog", "changelog_lock");

    private Catalog() {
    }

    /** Every object of the prefix: "table.column" → type, size, nullability; "index name" → its columns. */
    static SortedMap<String, String> of(DataSource dataSource, String prefix) throws SQLException {
        SortedMap<String, String> shape = new TreeMap<>();
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String catalog = connection.getCatalog();
            String schema = connection.getSchema();
            String stored = meta.storesUpperCaseIdentifiers() ? prefix.toUpperCase(Locale.ROOT) : prefix;
            String pattern = stored.replace("_", meta.getSearchStringEscape() + "_") + "%";
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = meta.getTables(catalog, schema, pattern, new String[] {"TABLE", "VIEW"})) {
                while (rows.next()) {
                    String name = rows.getString("TABLE_NAME");
                    if (!TOOL_TABLES.contains(strip(name, prefix))) {
                        tables.add(name);
                        shape.put(strip(name, prefix), rows.getString("TABLE_TYPE"));
                    }
                }
            }
            for (String table : tables) {
                try (ResultSet rows = meta.getColumns(catalog, schema, table, "%")) {
                    while (rows.next()) {
                        shape.put(strip(table, prefix) + "." + rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                                rows.getString("TYPE_NAME").toLowerCase(Locale.ROOT) + "(" + rows.getInt("COLUMN_SIZE") + ") "
                                        + (rows.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? "not null" : "null"));
                    }
                }
                try (ResultSet rows = meta.getIndexInfo(catalog, schema, table, false, false)) {
                    while (rows.next()) {
                        if (rows.getString("INDEX_NAME") != null && rows.getString("COLUMN_NAME") != null) {
                            String index = "index " + strip(table, prefix) + ":" + strip(rows.getString("INDEX_NAME"), prefix)
                                    .replaceAll("^primary_key_[0-9a-z]+$", "primary_key");
                            shape.merge(index, rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), (a, b) -> a + "," + b);
                        }
                    }
                }
            }
        }
        return shape;
    }

    private static String strip(String name, String prefix) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith(prefix) ? lower.substring(prefix.length()) : lower;
    }
}
