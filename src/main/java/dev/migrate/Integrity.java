package dev.migrate;

import dev.migrate.api.AppliedRevision;
import dev.migrate.api.LogEntry;
import dev.migrate.api.Problem;
import dev.migrate.db.MigrationLog;
import dev.migrate.graph.RevisionNode;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.source.Migration;
import dev.migrate.source.SqlMigration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the applied-migrations log says ran, compared with the files as they are now: a file edited after it ran, a
 * revision id re-used for other SQL (two branches' {@code 005}), an applied revision whose file is gone. Each is a
 * database that ran other SQL than the folder holds, found before anything runs on top of it.
 */
final class Integrity {
    private final RevisionGraph graph;
    private final Map<String, Migration> byId;
    private final String location;

    Integrity(RevisionGraph graph, Map<String, Migration> byId, String location) {
        this.graph = graph;
        this.byId = byId;
        this.location = location;
    }

    /**
     * The applied revisions (the version table's rows and their ancestors; when a row is a revision the folder lacks,
     * also those the log counts as applied), oldest first, each with its state.
     */
    List<AppliedRevision> applied(List<String> rows, List<MigrationLog.Entry> log) {
        Map<String, MigrationLog.Entry> latest = latestStates(log);
        List<String> known = rows.stream().filter(graph::contains).toList();
        Set<String> applied = new HashSet<>(graph.ancestors(known));
        if (known.size() < rows.size()) {
            // The table names revisions the folder lacks, whose ancestors the graph cannot give: the log says which
            // of the folder's revisions were applied.
            latest.values().stream().filter(entry -> isApplying(entry) && graph.contains(entry.revision()))
                    .forEach(entry -> applied.add(entry.revision()));
        }
        List<AppliedRevision> result = new ArrayList<>();
        for (RevisionNode revision : graph.topological()) {
            if (!applied.contains(revision.id())) {
                continue;
            }
            MigrationLog.Entry entry = latest.get(revision.id());
            boolean applying = entry != null && isApplying(entry);
            String state;
            if (!applying || entry.checksum() == null || !(byId.get(revision.id()) instanceof SqlMigration sql)) {
                state = AppliedRevision.UNRECORDED;
            } else {
                state = entry.checksum().equals(sql.upgradeChecksum()) ? AppliedRevision.OK : AppliedRevision.CHANGED;
            }
            result.add(new AppliedRevision(revision.id(), revision.message(), state, applying ? entry(entry) : null));
        }
        for (MigrationLog.Entry entry : latest.values()) {
            if (isApplying(entry) && !graph.contains(entry.revision())) {
                result.add(new AppliedRevision(entry.revision(), "", AppliedRevision.MISSING, entry(entry)));
            }
        }
        return result;
    }

    /**
     * Revisions the log counts as applied outside {@code kept} (the revisions a purging stamp leaves applied): what
     * the stamp must record as no longer applied, whether their files are gone or not.
     */
    List<String> appliedOutside(List<MigrationLog.Entry> log, Set<String> kept) {
        return latestStates(log).values().stream().filter(entry -> isApplying(entry)
                && !kept.contains(entry.revision())).map(MigrationLog.Entry::revision).sorted().toList();
    }

    /**
     * The checksum of what last built each of {@code revisions} here, as the log records it: the SQL of its last
     * upgrade (or what an accept recorded since), unless a downgrade undid it later. Stamps and unstamps change no
     * schema, so a revision stamped away and back (or re-marked by a purge) keeps that checksum, and a file edited
     * after it ran still shows as changed. Revisions never built here, and those now written in Java (which log no
     * checksum), are left out: a stamp logs their file's.
     */
    Map<String, String> builtChecksums(List<MigrationLog.Entry> log, List<String> revisions) {
        Map<String, String> built = new HashMap<>();
        for (MigrationLog.Entry entry : log) {
            if (Boolean.FALSE.equals(entry.completed())) {
                continue; // a transaction: false migration that did not finish recorded nothing
            }
            switch (entry.direction()) {
                case MigrationLog.DOWNGRADE -> built.remove(entry.revision());
                case MigrationLog.UPGRADE, MigrationLog.ACCEPT, MigrationLog.STAMP -> {
                    if (entry.checksum() != null) {
                        built.put(entry.revision(), entry.checksum());
                    }
                }
                default -> {
                    // unstamp: the schema stayed as it was
                }
            }
        }
        Map<String, String> chosen = new HashMap<>();
        for (String revision : revisions) {
            if (built.containsKey(revision) && byId.get(revision) instanceof SqlMigration) {
                chosen.put(revision, built.get(revision));
            }
        }
        return chosen;
    }

    /**
     * The changed and missing ones as problems, each saying what happened and the two ways out. A missing revision
     * the version table still names ({@code rows}) cannot be accepted away: the way out is a stamp.
     */
    List<Problem> problems(List<AppliedRevision> applied, List<String> rows) {
        List<Problem> problems = new ArrayList<>();
        // accept refuses while the version table names a revision the folder lacks: its advice waits for the stamp.
        String acceptWhen = rows.stream().allMatch(graph::contains) ? ""
                : " once the version table is repaired (`migrate stamp --purge`)";
        for (AppliedRevision revision : applied) {
            LogEntry ran = revision.appliedBy();
            if (revision.state().equals(AppliedRevision.CHANGED)) {
                String file = graph.get(revision.revision()).location();
                String now = ((SqlMigration) byId.get(revision.revision())).upgradeChecksum();
                problems.add(new Problem(file, 0, revision.revision(), "was " + verb(ran) + " on " + ran.startedAt()
                        + " by " + ran.by() + ", but the file has changed since (checksum " + shortSum(ran.checksum())
                        + " then, " + shortSum(now) + " now): the database ran other SQL than this file holds. "
                        + "Restore the file as it was, or, if the database really has what the file now says, "
                        + "record that with `migrate accept " + revision.revision() + "`" + acceptWhen));
            } else if (revision.state().equals(AppliedRevision.MISSING) && rows.contains(revision.revision())) {
                problems.add(new Problem(null, 0, revision.revision(), "was " + verb(ran) + " on " + ran.startedAt()
                        + " by " + ran.by() + ", and the version table still names it, but no file in " + location
                        + " declares it any more: restore the file, or, if it was removed on purpose, "
                        + "`migrate stamp --purge REVISION`, naming the revision of this folder whose schema the "
                        + "database really has"));
            } else if (revision.state().equals(AppliedRevision.MISSING)) {
                problems.add(new Problem(null, 0, revision.revision(), "was " + verb(ran) + " on " + ran.startedAt()
                        + " by " + ran.by() + ", but no file in " + location + " declares it any more: restore the "
                        + "file, or, if it was removed on purpose (squashed into another revision), record that with "
                        + "`migrate accept " + revision.revision() + "`" + acceptWhen));
            }
        }
        return problems;
    }

    /** Each revision's last row that changed its state (a transaction: false upgrade that did not finish did not). */
    static Map<String, MigrationLog.Entry> latestStates(List<MigrationLog.Entry> log) {
        Map<String, MigrationLog.Entry> latest = new HashMap<>();
        for (MigrationLog.Entry entry : log) {
            if (!Boolean.FALSE.equals(entry.completed())) {
                latest.put(entry.revision(), entry);
            }
        }
        return latest;
    }

    static boolean isApplying(MigrationLog.Entry entry) {
        return entry.direction().equals(MigrationLog.UPGRADE) || entry.direction().equals(MigrationLog.STAMP)
                || entry.direction().equals(MigrationLog.ACCEPT);
    }

    static String verb(LogEntry entry) {
        return switch (entry.direction()) {
            case MigrationLog.STAMP -> "stamped";
            case MigrationLog.ACCEPT -> "accepted";
            default -> "applied";
        };
    }

    static String shortSum(String checksum) {
        return checksum == null ? "none" : checksum.substring(0, Math.min(12, checksum.length()));
    }

    static LogEntry entry(MigrationLog.Entry row) {
        return new LogEntry(row.id(), row.revision(), row.direction(), row.checksum(), row.startedAt(),
                row.finishedAt(), row.durationMs(), row.databaseUser(), row.osUser(), row.host(),
                row.migrateVersion(), row.completed());
    }
}
