package dev.migrate.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a SQLite database from {@code sqlite_schema} and the table pragmas: tables (primary key, unique, check and
 * foreign-key constraints), columns, indexes, views and triggers. SQLite keeps no constraint names for most of
 * these, so unique, check and foreign-key constraints are named after what they constrain.
 */
final class SqliteSchemaReader {
    private final Connection connection;
    private final Set<String> ownTables;

    /** @param ownTables lower-case names of migrate's own tables, left out */
    SqliteSchemaReader(Connection connection, Set<String> ownTables) {
        this.connection = connection;
        this.ownTables = ownTables;
    }

    SchemaModel read() throws SQLException {
        List<SchemaObject> objects = new ArrayList<>();
        List<String[]> entries = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                        + "ORDER BY rowid");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                entries.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)});
            }
        }
        Map<String, String> relations = new java.util.HashMap<>(); // SQLite matches names without regard to case
        for (String[] entry : entries) {
            if (entry[0].equals("table") || entry[0].equals("view")) {
                relations.put(entry[1].toLowerCase(Locale.ROOT), entry[1]);
            }
        }
        for (String[] entry : entries) {
            String type = entry[0];
            String name = entry[1];
            String table = entry[2];
            String sql = entry[3];
            if (ownTables.contains(table.toLowerCase(Locale.ROOT))) {
                continue;
            }
            switch (type) {
                case "table" -> table(name, sql, objects);
                case "index" -> {
                    if (sql != null) { // an automatic index of a UNIQUE or PRIMARY KEY constraint is read with it
                        objects.add(definition(Kind.INDEX, name, table, sql));
                    }
                }
                case "view" -> objects.add(new SchemaObject(Kind.VIEW, name, null,
                        Map.of("definition", SqlText.normalize(sql)), sql, 0, readsFrom(name, sql, relations)));
                case "trigger" -> objects.add(definition(Kind.TRIGGER, name, table, sql));
                default -> {
                }
            }
        }
        return new SchemaModel("sqlite", null, objects);
    }

    /**
     * The tables and views a view's statement names. SQLite keeps no dependency records, so the names are taken from
     * the statement's words and quoted identifiers (not its string literals or comments); a column that happens to
     * share a table's name only adds an ordering constraint that holds anyway.
     */
    private static Set<String> readsFrom(String view, String sql, Map<String, String> relations) {
        Set<String> names = new java.util.HashSet<>();
        for (String word : SqlText.identifiers(sql)) {
            String relation = relations.get(word.toLowerCase(Locale.ROOT));
            if (relation != null && !relation.equalsIgnoreCase(view)) {
                names.add(relation);
            }
        }
        return names;
    }

    private static SchemaObject definition(Kind kind, String name, String table, String sql) {
        return new SchemaObject(kind, name, table, Map.of("definition", SqlText.normalize(sql)), sql, 0);
    }

    private void table(String table, String sql, List<SchemaObject> objects) throws SQLException {
        Map<Integer, String> primaryKey = new TreeMap<>();
        try (ResultSet rows = pragma("table_xinfo", table)) {
            while (rows.next()) {
                String column = rows.getString("name");
                Map<String, String> properties = new LinkedHashMap<>();
                properties.put("type", rows.getString("type"));
                properties.put("nullable", rows.getInt("notnull") == 0 ? "yes" : "no");
                String defaultValue = rows.getString("dflt_value");
                if (defaultValue != null) {
                    properties.put("default", defaultValue);
                }
                int hidden = rows.getInt("hidden");
                if (hidden == 2 || hidden == 3) {
                    properties.put("generated", hidden == 2 ? "virtual" : "stored");
                }
                if (rows.getInt("pk") > 0) {
                    primaryKey.put(rows.getInt("pk"), column);
                }
                objects.add(new SchemaObject(Kind.COLUMN, table + "." + column, table, properties, null,
                        rows.getInt("cid") + 1));
            }
        }
        Map<String, String> tableProperties = new LinkedHashMap<>();
        if (!primaryKey.isEmpty()) {
            tableProperties.put("primary key", "(" + String.join(", ", primaryKey.values()) + ")");
        }
        String options = sql.substring(SqlText.closing(sql, sql.indexOf('(')) + 1).trim();
        if (!options.isEmpty()) {
            tableProperties.put("options", SqlText.normalize(options).toUpperCase(Locale.ROOT)); // WITHOUT ROWID, STRICT
        }
        objects.add(new SchemaObject(Kind.TABLE, table, null, tableProperties, sql, 0));
        uniqueConstraints(table, objects);
        foreignKeys(table, objects);
        for (String check : SqlText.checks(sql)) {
            objects.add(new SchemaObject(Kind.CONSTRAINT, table + ".check(" + check + ")", table,
                    Map.of("type", "check"), null, 0));
        }
    }

    private void uniqueConstraints(String table, List<SchemaObject> objects) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (ResultSet rows = pragma("index_list", table)) {
            while (rows.next()) {
                if ("u".equals(rows.getString("origin"))) {
                    indexes.add(rows.getString("name"));
                }
            }
        }
        for (String index : indexes) {
            List<String> columns = new ArrayList<>();
            try (ResultSet rows = pragma("index_info", index)) {
                while (rows.next()) {
                    columns.add(rows.getString("name"));
                }
            }
            objects.add(new SchemaObject(Kind.CONSTRAINT, table + ".unique(" + String.join(", ", columns) + ")",
                    table, Map.of("type", "unique"), null, 0));
        }
    }

    private void foreignKeys(String table, List<SchemaObject> objects) throws SQLException {
        Map<Integer, List<String[]>> byId = new TreeMap<>();
        try (ResultSet rows = pragma("foreign_key_list", table)) {
            while (rows.next()) {
                byId.computeIfAbsent(rows.getInt("id"), id -> new ArrayList<>()).add(new String[] {
                        rows.getString("table"), rows.getString("from"), rows.getString("to"),
                        rows.getString("on_update"), rows.getString("on_delete"), rows.getString("match")});
            }
        }
        for (List<String[]> parts : byId.values()) {
            List<String> from = parts.stream().map(p -> p[1]).toList();
            List<String> to = parts.stream().map(p -> p[2] == null ? "" : p[2]).toList();
            String[] first = parts.get(0);
            String references = first[0] + "(" + String.join(", ", to) + ")";
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("type", "foreign key");
            properties.put("on update", first[3]);
            properties.put("on delete", first[4]);
            objects.add(new SchemaObject(Kind.CONSTRAINT, table + ".foreign key(" + String.join(", ", from)
                    + ") references " + references, table, properties, null, 0));
        }
    }

    private ResultSet pragma(String pragma, String argument) throws SQLException {
        // A pragma's argument cannot be a bound parameter; the table-valued form can.
        PreparedStatement query = connection.prepareStatement("SELECT * FROM pragma_" + pragma + "(?)");
        query.setString(1, argument);
        query.closeOnCompletion();
        return query.executeQuery();
    }
}
