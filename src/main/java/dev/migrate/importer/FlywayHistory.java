package dev.migrate.importer;

import dev.migrate.api.DatabaseException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code flyway_schema_history}, read in {@code installed_rank} order as Flyway reads it: versioned rows apply,
 * successful undo rows ({@code UNDO_SQL}) take their version back, a {@code BASELINE} row counts every version up to
 * it as applied, and a failed row ({@code success} false) stops everything, as it stops Flyway.
 */
final class FlywayHistory implements HistoryTable {
    @Override
    public Recorded read(Connection connection, String table, String tableName, Conversion conversion) throws SQLException {
        Set<String> applied = new LinkedHashSet<>();
        VersionNumber baseline = null;
        String latest = null;
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT installed_rank, version, description, type, success FROM "
                     + table + " ORDER BY installed_rank")) {
            while (rows.next()) {
                String version = rows.getString("version");
                String description = rows.getString("description");
                String type = rows.getString("type").toUpperCase(Locale.ROOT);
                if (!rows.getBoolean("success")) {
                    throw new DatabaseException(tableName + " records a failed Flyway migration: "
                            + (version == null ? "repeatable" : "version " + version) + " (" + description
                            + "), installed_rank " + rows.getInt("installed_rank") + "; nothing was stamped.\n"
                            + "  Flyway refuses to migrate past it as well. Check what that migration left behind and "
                            + "repair the schema by hand, then run `flyway repair` (it removes the failed row) and "
                            + "the import again.");
                }
                VersionNumber number = VersionNumber.parse(version);
                if (type.equals("BASELINE")) {
                    baseline = number;
                } else if (type.startsWith("UNDO")) {
                    applied.remove(number.toString());
                } else if (type.equals("SCHEMA") || type.equals("DELETE")) {
                    continue; // Flyway's own bookkeeping: schemas it created, rows a repair marked deleted
                } else if (number != null) {
                    applied.add(number.toString());
                    latest = "version " + version + " (" + description + ")";
                } else {
                    applied.add("R:" + description);
                }
            }
        }
        if (baseline != null) {
            for (ImportedMigration migration : conversion.migrations()) {
                VersionNumber version = VersionNumber.parse(migration.historyKey());
                if (version != null && version.compareTo(baseline) <= 0) {
                    applied.add(migration.historyKey());
                }
            }
        }
        keepRepeatablesThatFollow(applied, conversion);
        String summary = (latest == null ? "no versioned migration applied" : "latest applied " + latest)
                + (baseline == null ? "" : ", baseline " + baseline);
        return new Recorded(summary, applied);
    }

    /**
     * Repeatables come last in the converted order. Those Flyway ran before every versioned migration was applied
     * are not counted: the next upgrade runs them once more after the rest, as Flyway re-runs a changed repeatable.
     */
    private static void keepRepeatablesThatFollow(Set<String> applied, Conversion conversion) {
        List<ImportedMigration> order = conversion.migrations();
        boolean contiguous = true;
        for (ImportedMigration migration : order) {
            if (!applied.contains(migration.historyKey())) {
                contiguous = false;
            } else if (!contiguous && migration.historyKey().startsWith("R:")) {
                applied.remove(migration.historyKey());
            }
        }
    }
}
