package dev.migrate.importer;

import java.sql.Connection;
import java.sql.SQLException;

/** Reads one tool's history table, refusing (with the tool's own remedy) when that history is inconsistent. */
public interface HistoryTable {
    /**
     * @param table      the table as SQL text, quoted as the database needs
     * @param tableName  the table as the user knows it, for messages
     * @param conversion the source folder as converted, for what depends on its migrations (a Flyway baseline)
     * @throws dev.migrate.api.DatabaseException when the history says the database is in no consistent state
     */
    Recorded read(Connection connection, String table, String tableName, Conversion conversion) throws SQLException;
}
