package dev.migrate.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Reads the schema a connection sees into a {@link SchemaModel}, leaving migrate's own tables out. */
public final class SchemaReader {
    private SchemaReader() {
    }

    /**
     * @param dialect      {@code sqlite} or {@code postgresql}
     * @param schema       the PostgreSQL schema to read; null for the first schema of the search path
     * @param ownTables    migrate's own tables (version table, log, progress), by plain name: left out
     */
    public static SchemaModel read(Connection connection, String dialect, String schema,
                                   java.util.Collection<String> ownTables) throws SQLException {
        Set<String> own = new HashSet<>();
        for (String table : ownTables) {
            own.add(table.toLowerCase(Locale.ROOT));
        }
        return dialect.equals("sqlite") ? new SqliteSchemaReader(connection, own).read()
                : new PostgresSchemaReader(connection, own).read(schema);
    }
}
