package dev.migrate.importer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * goose's {@code goose_db_version}: a log of rows ({@code version_id}, {@code is_applied}) in {@code id} order; the
 * latest row of each version says whether it is applied (older goose logged a down as a row with
 * {@code is_applied} false, newer goose deletes the row). Version 0 is goose's own first row.
 */
final class GooseHistory implements HistoryTable {
    @Override
    public Recorded read(Connection connection, String table, String tableName, Conversion conversion) throws SQLException {
        Map<VersionNumber, Boolean> latest = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version_id, is_applied FROM " + table + " ORDER BY id")) {
            while (rows.next()) {
                VersionNumber version = VersionNumber.parse(rows.getString("version_id"));
                if (version != null && !version.toString().equals("0")) {
                    latest.put(version, rows.getBoolean("is_applied"));
                }
            }
        }
        Set<String> applied = latest.entrySet().stream().filter(Map.Entry::getValue)
                .map(entry -> entry.getKey().toString()).collect(Collectors.toCollection(java.util.TreeSet::new));
        String last = latest.entrySet().stream().filter(Map.Entry::getValue).map(e -> e.getKey().toString())
                .reduce((a, b) -> b).orElse(null);
        return new Recorded(last == null ? "no migration applied" : applied.size() + " applied, latest version " + last,
                applied);
    }
}
