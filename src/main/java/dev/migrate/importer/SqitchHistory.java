package dev.migrate.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Sqitch's registry table {@code changes}: one row per deployed change of each project (a revert deletes it). A
 * change deployed again after a rework has a second row with the same name, so rows are counted per name in
 * deploy order.
 */
final class SqitchHistory implements HistoryTable {
    private final String project;

    SqitchHistory(String project) {
        this.project = project;
    }

    @Override
    public Recorded read(Connection connection, String table, String tableName, Conversion conversion) throws SQLException {
        Set<String> applied = new LinkedHashSet<>();
        Map<String, Integer> occurrences = new HashMap<>();
        String latest = null;
        try (PreparedStatement query = connection.prepareStatement("SELECT change FROM " + table
                + " WHERE project = ? ORDER BY committed_at, change_id")) {
            query.setString(1, project);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    latest = rows.getString(1);
                    applied.add(latest + "#" + occurrences.merge(latest, 1, Integer::sum));
                }
            }
        }
        return new Recorded(latest == null ? "no change of project " + project + " deployed"
                : applied.size() + " changes of project " + project + " deployed, latest " + latest, applied);
    }
}
