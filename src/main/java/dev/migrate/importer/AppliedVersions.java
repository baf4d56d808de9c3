package dev.migrate.importer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

/**
 * A history table with one row per applied migration, keyed by its version as the tool wrote it: dbmate's
 * {@code schema_migrations} and Diesel's {@code __diesel_schema_migrations}.
 */
final class AppliedVersions implements HistoryTable {
    @Override
    public Recorded read(Connection connection, String table, String tableName, Conversion conversion) throws SQLException {
        Set<String> applied = new TreeSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version FROM " + table)) {
            while (rows.next()) {
                applied.add(rows.getString(1).trim());
            }
        }
        return new Recorded(applied.isEmpty() ? "no migration applied" : applied.size() + " applied, latest "
                + ((TreeSet<String>) applied).last(), applied);
    }
}
