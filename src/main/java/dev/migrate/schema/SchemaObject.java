package dev.migrate.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One object of a schema, as the database describes it.
 *
 * @param name       unique within its kind: {@code questions} for a table, {@code questions.prompt} for a column,
 *                   {@code questions.questions_pkey} for a constraint
 * @param table      the table it belongs to (columns, constraints, indexes, triggers), else null
 * @param properties what is compared, in display order: {@code type}, {@code nullable}, {@code default}, ...; a
 *                   property the object does not have is absent rather than null
 * @param sql        the statement that creates it where the database keeps or renders one (SQLite's
 *                   {@code sqlite_schema.sql}, PostgreSQL's {@code pg_get_*def}); not compared, used to write DDL
 * @param position   the column's place in its table (1-based), else 0; not compared, as in Alembic: a column added
 *                   by {@code ALTER TABLE} always lands last
 */
public record SchemaObject(Kind kind, String name, String table, Map<String, String> properties, String sql,
                           int position) {
    public SchemaObject {
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** The key it is matched by between two schemas: its kind and name. */
    public String key() {
        return kind.ordinal() + ":" + name;
    }

    public String property(String property) {
        return properties.get(property);
    }

    /** The part of the name after the table: {@code prompt} for {@code questions.prompt}. */
    public String shortName() {
        return table != null && name.startsWith(table + ".") ? name.substring(table.length() + 1) : name;
    }
}
