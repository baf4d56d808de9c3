package dev.migrate.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

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
 * @param dependsOn  for views and materialized views, the tables, views and materialized views of the same schema
 *                   its definition reads, by name; else empty. Not compared (the definition is): the DDL writers
 *                   create views after what they read and drop them before it
 */
public record SchemaObject(Kind kind, String name, String table, Map<String, String> properties, String sql,
                           int position, Set<String> dependsOn) {
    public SchemaObject {
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        dependsOn = Set.copyOf(dependsOn);
    }

    /** An object that depends on nothing else in the schema that the DDL writers must order it by. */
    public SchemaObject(Kind kind, String name, String table, Map<String, String> properties, String sql,
                        int position) {
        this(kind, name, table, properties, sql, position, Set.of());
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
