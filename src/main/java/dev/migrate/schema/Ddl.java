package dev.migrate.schema;

import java.util.List;

/**
 * The SQL that turns one schema into another: statements in dependency order, and warnings (also written into the
 * SQL as comments) for what could not be written safely and is left commented out for the developer to decide.
 */
public record Ddl(String sql, List<String> warnings) {
    public Ddl {
        warnings = List.copyOf(warnings);
    }

    /** The writer for a dialect's models. */
    public static Ddl between(SchemaModel from, SchemaModel to) {
        return from.dialect().equals("sqlite") ? new SqliteDdl(from, to).write() : new PostgresDdl(from, to).write();
    }
}
