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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one PostgreSQL schema from the system catalogs, a fixed number of queries whatever its size: tables,
 * columns, constraints, indexes, views, materialized views, sequences, enum and domain types, functions, triggers,
 * extensions and comments. Definitions come from the server's own {@code pg_get_*def} functions, read with the
 * schema alone on the search path, so that they name objects without the schema and two schemas of different
 * names compare equal. Objects that belong to an extension are the extension's, and left out.
 */
final class PostgresSchemaReader {
    private static final String IN_SCHEMA = " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? ";
    private static final String NOT_EXTENSION_MEMBER = " AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.objid = c.oid"
            + " AND x.deptype = 'e') ";

    private final Connection connection;
    private final Set<String> ownTables;
    private Pattern qualifier;

    PostgresSchemaReader(Connection connection, Set<String> ownTables) {
        this.connection = connection;
        this.ownTables = ownTables;
    }

    SchemaModel read(String schemaOrNull) throws SQLException {
        String schema = schemaOrNull != null ? schemaOrNull.toLowerCase(Locale.ROOT) : single("SELECT current_schema()");
        if (schema == null) {
            throw new SQLException("No schema on the search path exists; name one with --schema.");
        }
        String shown = schema.matches("[a-z_][a-z0-9_$]*") ? schema : SqlText.quote(schema);
        qualifier = Pattern.compile("(?<![\\w\"$.])" + Pattern.quote(shown) + "\\.");
        String searchPath = single("SELECT current_setting('search_path')");
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // one snapshot of the catalogs, and a search path that ends with it
        try {
            setSearchPath(SqlText.quote(schema), true);
            List<SchemaObject> objects = new ArrayList<>();
            relations(schema, viewDependencies(schema), objects);
            columns(schema, objects);
            constraints(schema, objects);
            indexes(schema, objects);
            types(schema, objects);
            functions(schema, objects);
            triggers(schema, objects);
            extensions(schema, objects);
            return new SchemaModel("postgresql", schema, objects);
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
            setSearchPath(searchPath, false);
        }
    }

    private void setSearchPath(String path, boolean local) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config('search_path', ?, ?)")) {
            set.setString(1, path);
            set.setBoolean(2, local);
            set.execute();
        }
    }

    private String unqualified(String definition) {
        if (definition == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        Matcher matcher = qualifier.matcher(definition);
        while (matcher.find()) {
            matcher.appendReplacement(out, "");
        }
        matcher.appendTail(out);
        return out.toString().strip();
    }

    private boolean own(String table) {
        return ownTables.contains(table.toLowerCase(Locale.ROOT));
    }

    /**
     * What each view and materialized view of the schema reads among the schema's tables, views and materialized
     * views: a view's query is a rewrite rule, and the rule depends on every relation the query names.
     */
    private Map<String, Set<String>> viewDependencies(String schema) throws SQLException {
        String sql = "SELECT v.relname, d.relname FROM pg_rewrite r JOIN pg_class v ON v.oid = r.ev_class "
                + "JOIN pg_depend dep ON dep.classid = 'pg_rewrite'::regclass AND dep.objid = r.oid "
                + "AND dep.refclassid = 'pg_class'::regclass "
                + "JOIN pg_class d ON d.oid = dep.refobjid AND d.oid <> v.oid AND d.relnamespace = v.relnamespace "
                + "AND d.relkind IN ('r', 'p', 'v', 'm') "
                + "JOIN pg_namespace n ON n.oid = v.relnamespace WHERE n.nspname = ? AND v.relkind IN ('v', 'm') "
                + "GROUP BY v.relname, d.relname";
        Map<String, Set<String>> dependencies = new java.util.HashMap<>();
        try (PreparedStatement query = prepare(sql, schema); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                dependencies.computeIfAbsent(rows.getString(1), view -> new java.util.HashSet<>()).add(rows.getString(2));
            }
        }
        return dependencies;
    }

    private void relations(String schema, Map<String, Set<String>> viewDependencies, List<SchemaObject> objects)
            throws SQLException {
        String sql = "SELECT c.relname, c.relkind, obj_description(c.oid, 'pg_class'), "
                + "CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END, "
                + "s.seqtypid::regtype::text, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle "
                + "FROM pg_class c LEFT JOIN pg_sequence s ON s.seqrelid = c.oid" + IN_SCHEMA
                + "AND c.relkind IN ('r', 'p', 'v', 'm', 'S')" + NOT_EXTENSION_MEMBER
                // A sequence owned by a serial or identity column is part of that column.
                + "AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid "
                + "AND d.classid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i'))) "
                + "ORDER BY c.oid";
        try (PreparedStatement query = prepare(sql, schema); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String name = rows.getString(1);
                Map<String, String> properties = new LinkedHashMap<>();
                switch (rows.getString(2)) {
                    case "r", "p" -> {
                        if (own(name)) {
                            continue;
                        }
                        putIfPresent(properties, "comment", rows.getString(3));
                        if (rows.getString(2).equals("p")) {
                            properties.put("partitioned", "yes");
                        }
                        objects.add(new SchemaObject(Kind.TABLE, name, null, properties, null, 0));
                    }
                    case "v", "m" -> {
                        properties.put("definition", SqlText.normalize(unqualified(rows.getString(4))));
                        putIfPresent(properties, "comment", rows.getString(3));
                        objects.add(new SchemaObject(rows.getString(2).equals("v") ? Kind.VIEW : Kind.MATERIALIZED_VIEW,
                                name, null, properties, null, 0, viewDependencies.getOrDefault(name, Set.of())));
                    }
                    default -> {
                        properties.put("type", rows.getString(5));
                        properties.put("start", rows.getString(6));
                        properties.put("increment", rows.getString(7));
                        properties.put("min", rows.getString(8));
                        properties.put("max", rows.getString(9));
                        properties.put("cache", rows.getString(10));
                        properties.put("cycle", rows.getBoolean(11) ? "yes" : "no");
                        objects.add(new SchemaObject(Kind.SEQUENCE, name, null, properties, null, 0));
                    }
                }
            }
        }
    }

    private void columns(String schema, List<SchemaObject> objects) throws SQLException {
        String sql = "SELECT c.relname, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                + "pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, "
                + "CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, col_description(c.oid, a.attnum) "
                + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "LEFT JOIN pg_collation co ON co.oid = a.attcollation" + IN_SCHEMA
                + "AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped" + NOT_EXTENSION_MEMBER
                + "ORDER BY c.oid, a.attnum";
        try (PreparedStatement query = prepare(sql, schema); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String table = rows.getString(1);
                if (own(table)) {
                    continue;
                }
                Map<String, String> properties = new LinkedHashMap<>();
                properties.put("type", unqualified(rows.getString(4)));
                properties.put("nullable", rows.getBoolean(5) ? "no" : "yes");
                String expression = unqualified(rows.getString(6));
                if ("s".equals(rows.getString(8))) {
                    properties.put("generated", expression);
                } else {
                    putIfPresent(properties, "default", expression);
                }
                String identity = rows.getString(7);
                if ("a".equals(identity) || "d".equals(identity)) {
                    properties.put("identity", identity.equals("a") ? "always" : "by default");
                }
                putIfPresent(properties, "collation", rows.getString(9));
                putIfPresent(properties, "comment", rows.getString(10));
                objects.add(new SchemaObject(Kind.COLUMN, table + "." + rows.getString(2), table, properties, null,
                        rows.getInt(3)));
            }
        }
    }

    private void constraints(String schema, List<SchemaObject> objects) throws SQLException {
        String sql = "SELECT c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid) "
                + "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid" + IN_SCHEMA + NOT_EXTENSION_MEMBER
                + "ORDER BY c.oid, con.conname";
        try (PreparedStatement query = prepare(sql, schema); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String table = rows.getString(1);
                if (own(table)) {
                    continue;
                }
                Map<String, String> properties = new LinkedHashMap<>();
                properties.put("type", switch (rows.getString(3)) {
                    case "p" -> "primary key";
                    case "u" -> "unique";
                    case "c" -> "check";
                    case "f" -> "foreign key";
                    case "x" -> "exclusion";
                    default -> rows.getString(3);
                });
                properties.put("definition", unqualified(rows.getString(4)));
                objects.add(new SchemaObject(Kind.CONSTRAINT, table + "." + rows.getString(2), table, properties,
                        null, 0));
            }
        }
    }

    private void indexes(String schema, List<SchemaObject> objects) throws SQLException {
        String sql = "SELECT ic.relname, c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                + "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid" + IN_SCHEMA
                + NOT_EXTENSION_MEMBER
                // The index behind a primary key, unique or exclusion constraint is the constraint's.
                + "AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid "
                + "AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')) ORDER BY ic.relname";
        try (PreparedStatement query = prepare(sql, schema); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                if (own(rows.getString(2))) {
                    continue;
                }
                String definition = unqualified(rows.getString(3));
                objects.add(new SchemaObject(Kind.INDEX, rows.getString(1), rows.getString(2),
                        Map.of("definition", definition), definition, 0));
            }
        }
    }

    private void types(String schema, List<SchemaObject> objects) throws SQLException {
        String enums = "SELECT t.typname, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) "
                + "FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace "
                + "WHERE n.nspname = ? AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.objid = t.oid "
                + "AND x.deptype = 'e') GROUP BY t.typname";
        try (PreparedStatement query = prepare(enums, schema); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                objects.add(new SchemaObject(Kind.TYPE, rows.getString(1), null,
                        Map.of("enum", rows.getString(2)), null, 0));
            }
        }
        String domains = "SELECT t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault, "
                + "(SELECT string_agg('CONSTRAINT ' || quote_ident(con.conname) || ' ' || pg_get_constraintdef(con.oid), "
                + "' ' ORDER BY con.conname) FROM pg_constraint con WHERE con.contypid = t.oid AND con.contype = 'c') "
                // PostgreSQL 17 also lists a domain's NOT NULL as a constraint; it is read as nullable.
                + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ? "
                + "AND t.typtype = 'd' AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.objid = t.oid "
                + "AND x.deptype = 'e')";
        try (PreparedStatement query = prepare(domains, schema); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                Map<String, String> properties = new LinkedHashMap<>();
                properties.put("type", unqualified(rows.getString(2)));
                properties.put("nullable", rows.getBoolean(3) ? "no" : "yes");
                putIfPresent(properties, "default", unqualified(rows.getString(4)));
                putIfPresent(properties, "constraints", unqualified(rows.getString(5)));
                objects.add(new SchemaObject(Kind.DOMAIN, rows.getString(1), null, properties, null, 0));
            }
        }
    }

    private void functions(String schema, List<SchemaObject> objects) throws SQLException {
        String sql = "SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', "
                + "pg_get_functiondef(p.oid), obj_description(p.oid, 'pg_proc') FROM pg_proc p "
                + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ? AND p.prokind IN ('f', 'p') "
                + "AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.objid = p.oid AND x.deptype = 'e')";
        try (PreparedStatement query = prepare(sql, schema); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String definition = unqualified(rows.getString(2));
                Map<String, String> properties = new LinkedHashMap<>();
                properties.put("definition", definition);
                putIfPresent(properties, "comment", rows.getString(3));
                objects.add(new SchemaObject(Kind.FUNCTION, rows.getString(1), null, properties, definition, 0));
            }
        }
    }

    private void triggers(String schema, List<SchemaObject> objects) throws SQLException {
        String sql = "SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t "
                + "JOIN pg_class c ON c.oid = t.tgrelid" + IN_SCHEMA + "AND NOT t.tgisinternal";
        try (PreparedStatement query = prepare(sql, schema); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                if (own(rows.getString(1))) {
                    continue;
                }
                String definition = unqualified(rows.getString(3));
                objects.add(new SchemaObject(Kind.TRIGGER, rows.getString(1) + "." + rows.getString(2),
                        rows.getString(1), Map.of("definition", definition), definition, 0));
            }
        }
    }

    private void extensions(String schema, List<SchemaObject> objects) throws SQLException {
        String sql = "SELECT e.extname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                + "WHERE n.nspname = ?";
        try (PreparedStatement query = prepare(sql, schema); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                objects.add(new SchemaObject(Kind.EXTENSION, rows.getString(1), null, Map.of(), null, 0));
            }
        }
    }

    private PreparedStatement prepare(String sql, String schema) throws SQLException {
        PreparedStatement query = connection.prepareStatement(sql);
        query.setString(1, schema);
        return query;
    }

    private String single(String sql) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static void putIfPresent(Map<String, String> properties, String property, String value) {
        if (value != null) {
            properties.put(property, value);
        }
    }
}
