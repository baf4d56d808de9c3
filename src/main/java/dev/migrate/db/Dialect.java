package dev.migrate.db;

import dev.migrate.config.ConnectionSettings;
import dev.migrate.sql.SqlFlavor;

import java.sql.Connection;
import java.sql.SQLException;

/** What differs between the databases we support. One implementation per database; nothing else branches on it. */
public interface Dialect {

    /** A lower-case name for messages and {@code --dialect}: {@code sqlite}, {@code postgresql}. */
    String name();

    /** The lexical rules the statement splitter follows for this database. */
    SqlFlavor flavor();

    boolean tableExists(Connection connection, String table) throws SQLException;

    /**
     * False only when connecting would have to create the database; read-only commands then report an empty
     * database instead of leaving a new file behind.
     */
    default boolean databaseExists(ConnectionSettings settings) {
        return true;
    }

    static Dialect of(ConnectionSettings settings) {
        if (settings.isSqlite()) {
            return new SqliteDialect();
        }
        if (settings.isPostgres()) {
            return new PostgresDialect();
        }
        throw new IllegalArgumentException("no dialect for " + settings);
    }
}
