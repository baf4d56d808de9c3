package dev.migrate.importer;

import dev.migrate.api.DatabaseException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * golang-migrate's {@code schema_migrations}: one row, the version the database is at and a {@code dirty} flag. Every
 * migration up to that version counts as applied, as golang-migrate assumes; no row means none is.
 */
final class GolangMigrateHistory implements HistoryTable {
    @Override
    public Recorded read(Connection connection, String table, String tableName, Conversion conversion) throws SQLException {
        VersionNumber version = null;
        int count = 0;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, dirty FROM " + table)) {
            while (rows.next()) {
                count++;
                String text = rows.getString("version");
                if (rows.getBoolean("dirty")) {
                    throw new DatabaseException(tableName + " marks the database dirty at golang-migrate version " + text
                            + ": a migration failed part-way, and what it left is unknown; nothing was stamped.\n"
                            + "  Repair the schema by hand, then clear the flag with `migrate -path DIR -database URL "
                            + "force VERSION` (golang-migrate's command; VERSION is the one whose schema the database "
                            + "really has), and run the import again.");
                }
                version = VersionNumber.parse(text);
            }
        }
        if (count > 1) {
            throw new DatabaseException(tableName + " has " + count + " rows; golang-migrate keeps exactly one (the "
                    + "version the database is at), so this is not its table or it was edited; nothing was stamped. "
                    + "Give the right table with --history-table.");
        }
        Set<String> applied = new HashSet<>();
        if (version != null) {
            applied.add(version.toString());
            for (ImportedMigration migration : conversion.migrations()) {
                if (VersionNumber.parse(migration.historyKey()).compareTo(version) <= 0) {
                    applied.add(migration.historyKey());
                }
            }
        }
        return new Recorded(version == null ? "no version (nothing applied)" : "version " + version + ", not dirty",
                applied);
    }
}
