package dev.migrate;

import dev.migrate.api.DatabaseException;
import dev.migrate.api.MigrationListener;
import dev.migrate.config.MigrateConfig;
import dev.migrate.db.MigrationLog;
import dev.migrate.graph.RevisionGraph;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every command that plans from the version table first makes sure the folder knows each of its rows. When it does
 * not, the message says what the database's own log knows of each unknown row (applied here, then its file went; or
 * never seen by this log), and the newest log entry for a revision the folder does have: the facts someone
 * choosing the revision for {@code stamp --purge} needs, without reading the log table by hand.
 */
final class KnownRevisions {
    private KnownRevisions() {
    }

    /** The rows no file of the folder declares, in the table's order. */
    static List<String> unknown(RevisionGraph graph, List<String> rows) {
        return rows.stream().filter(id -> !graph.contains(id)).toList();
    }

    /** The version table's rows (none without a database), each one the folder has. */
    static List<String> read(Connections connections, RevisionGraph graph, MigrateConfig config) {
        if (!connections.databaseExists()) {
            return List.of();
        }
        try (Session session = connections.open()) {
            List<String> rows = session.rows();
            requirePlannable(graph, rows, session, config); // current:END scripts and show current start from them
            return rows;
        } catch (SQLException e) {
            throw connections.error(e);
        }
    }

    /**
     * The rows that come before another row: a revision and one after it cannot both be where the database is. An
     * offline script applied twice by an older migrate, or rows written by hand, leave such a table; planning from
     * it would run migrations whose schema is already there.
     */
    static List<String> shadowed(RevisionGraph graph, List<String> rows) {
        List<String> shadowed = new ArrayList<>();
        for (String row : rows) {
            List<String> others = rows.stream().filter(other -> !other.equals(row) && graph.contains(other)).toList();
            if (graph.contains(row) && !others.isEmpty() && graph.downAncestors(others).contains(row)) {
                shadowed.add(row);
            }
        }
        return shadowed;
    }

    /** What {@link #shadowed} rows mean, and the stamp that repairs the table once the schema is checked. */
    static String explainShadowed(List<String> rows, List<String> shadowed, MigrateConfig config) {
        List<String> latest = rows.stream().filter(row -> !shadowed.contains(row)).toList();
        return "The version table " + config.qualifiedVersionTable() + " holds " + String.join(", ", rows) + ", but "
                + String.join(", ", shadowed) + (shadowed.size() == 1 ? " comes" : " come") + " before another of "
                + "its rows: a revision and one after it cannot both be where the database is (an offline script "
                + "applied twice, or rows written by hand, leave this).\n  Check which revision the schema really "
                + "matches (`migrate log` shows what ran), then record it: `migrate stamp " + String.join(" ", latest)
                + "` replaces every row.";
    }

    /** Refuses a table whose rows include a revision and one after it ({@link #shadowed}): nothing can be planned. */
    static void requireConsistent(RevisionGraph graph, List<String> rows, MigrateConfig config) {
        List<String> shadowed = shadowed(graph, rows);
        if (!shadowed.isEmpty()) {
            throw new DatabaseException(explainShadowed(rows, shadowed, config) + " Nothing was run.");
        }
    }

    /** {@link #require} and {@link #requireConsistent}: rows a plan can start from. */
    static void requirePlannable(RevisionGraph graph, List<String> rows, Session session, MigrateConfig config)
            throws SQLException {
        require(graph, rows, session, config);
        requireConsistent(graph, rows, config);
    }

    /** Warns of {@link #shadowed} rows, for the commands that show the rows rather than plan from them. */
    static void warnIfShadowed(RevisionGraph graph, List<String> rows, MigrateConfig config,
                               MigrationListener listener) {
        List<String> shadowed = shadowed(graph, rows);
        if (!shadowed.isEmpty()) {
            listener.warning(explainShadowed(rows, shadowed, config));
        }
    }

    static void require(RevisionGraph graph, List<String> rows, Session session, MigrateConfig config)
            throws SQLException {
        List<String> unknown = unknown(graph, rows);
        if (!unknown.isEmpty()) {
            throw new DatabaseException(explain(graph, unknown, session.log(), config));
        }
    }

    static String explain(RevisionGraph graph, List<String> unknown, List<MigrationLog.Entry> log,
                          MigrateConfig config) {
        StringBuilder message = new StringBuilder("The version table " + config.qualifiedVersionTable() + " names "
                + (unknown.size() == 1 ? "revision " : "revisions ") + String.join(", ", unknown) + ", which "
                + (unknown.size() == 1 ? "is" : "are") + " not in " + config.location() + ".");
        Map<String, MigrationLog.Entry> latest = Integrity.latestStates(log);
        for (String id : unknown) {
            message.append("\n  ").append(whatTheLogKnows(id, latest.get(id), config));
        }
        for (int i = log.size() - 1; i >= 0; i--) {
            MigrationLog.Entry entry = log.get(i);
            // Only what moved the database: an accept records a file, an unstamp a revision it left.
            boolean moved = entry.direction().equals(MigrationLog.UPGRADE)
                    || entry.direction().equals(MigrationLog.DOWNGRADE) || entry.direction().equals(MigrationLog.STAMP);
            if (moved && graph.contains(entry.revision()) && !Boolean.FALSE.equals(entry.completed())) {
                message.append("\n  The newest log entry for a revision this folder has: ").append(entry.direction())
                        .append(' ').append(entry.revision()).append(" on ").append(entry.startedAt()).append(" by ")
                        .append(Integrity.entry(entry).by()).append('.');
                break;
            }
        }
        return message.append("\n  To repair without running migrations: `migrate stamp --purge REVISION`, naming the "
                + "revision of this folder whose schema the database really has (see `migrate history` and "
                + "`migrate log`).").toString();
    }

    private static String whatTheLogKnows(String id, MigrationLog.Entry entry, MigrateConfig config) {
        if (entry == null) {
            return id + ": this database's log has no record of it. Either these migrations lack the file the "
                    + "database was migrated with (check out the branch that has it, or fix --dir), or the revision "
                    + "was renamed, deleted, or written into the table by hand.";
        }
        String by = " on " + entry.startedAt() + " by " + Integrity.entry(entry).by();
        if (Integrity.isApplying(entry)) {
            return id + ": " + Integrity.verb(Integrity.entry(entry)) + by + ", but no file in " + config.location()
                    + " declares it any more: restore its file (from version control, say), or, if it was removed "
                    + "on purpose, stamp the revision whose schema the database has (below).";
        }
        String direction = entry.direction();
        return id + ": the log's last entry for it is " + (direction.matches("[aeiou].*") ? "an " : "a ") + direction
                + by + ".";
    }
}
