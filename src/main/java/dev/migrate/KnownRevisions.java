package dev.migrate;

import dev.migrate.api.DatabaseException;
import dev.migrate.config.MigrateConfig;
import dev.migrate.db.MigrationLog;
import dev.migrate.graph.RevisionGraph;

import java.sql.SQLException;
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
            require(graph, rows, session, config);
            return rows;
        } catch (SQLException e) {
            throw connections.error(e);
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
