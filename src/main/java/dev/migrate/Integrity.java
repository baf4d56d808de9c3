package dev.migrate;

import dev.migrate.api.AppliedRevision;
import dev.migrate.api.LogEntry;
import dev.migrate.api.MigrationFailedException;
import dev.migrate.api.Problem;
import dev.migrate.db.DatabaseErrors;
import dev.migrate.db.MigrationLog;
import dev.migrate.graph.Direction;
import dev.migrate.graph.RevisionNode;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Step;
import dev.migrate.source.Migration;
import dev.migrate.source.SqlMigration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

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
            loggedApplied(log).stream().filter(graph::contains).forEach(applied::add);
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
        return loggedApplied(log).stream().filter(id -> !kept.contains(id)).sorted().toList();
    }

    /**
     * The checksum of what last built each of {@code revisions} here, as the log records it: the SQL of its last
     * upgrade (or what an accept recorded since), unless a downgrade undid it later. Stamps and unstamps change no
     * schema, so a revision stamped away and back (or re-marked by a purge) keeps that checksum, and a file edited
     * after it ran still shows as changed. Revisions never built here, and those now written in Java (which log no
     * checksum), are left out: a stamp logs their file's.
     */
    Map<String, String> builtChecksums(List<MigrationLog.Entry> log, List<String> revisions) {
        // An unstamp changes no schema, and a row without a checksum (a Java migration's) says nothing of the SQL.
        Map<String, LogEntry> built = lastOf(log, entry -> entry.checksum() != null
                && List.of(MigrationLog.UPGRADE, MigrationLog.ACCEPT, MigrationLog.STAMP).contains(entry.direction()));
        Map<String, String> chosen = new HashMap<>();
        for (String revision : revisions) {
            if (built.containsKey(revision) && byId.get(revision) instanceof SqlMigration) {
                chosen.put(revision, built.get(revision).checksum());
            }
        }
        return chosen;
    }

    /**
     * The applied revisions that are changed or missing, as problems, each saying what happened and the two ways out.
     * A missing revision the version table still names ({@code rows}) cannot be accepted away: the way out is a stamp.
     */
    List<Problem> problems(List<String> rows, List<MigrationLog.Entry> log) {
        List<Problem> problems = new ArrayList<>();
        // accept refuses while the version table names a revision the folder lacks: its advice waits for the stamp.
        String acceptWhen = rows.stream().allMatch(graph::contains) ? ""
                : " once the version table is repaired (`migrate stamp --purge`)";
        Map<String, LogEntry> upgrades = lastUpgrades(log);
        // A stamp keeps the checksum of the last upgrade or accept (builtChecksums): that row says what it stands for.
        Map<String, LogEntry> built = lastOf(log, entry -> entry.direction().equals(MigrationLog.UPGRADE)
                || entry.direction().equals(MigrationLog.ACCEPT));
        for (AppliedRevision revision : applied(rows, log)) {
            LogEntry ran = revision.appliedBy();
            LogEntry source = built.get(revision.revision());
            if (ran != null && ran.direction().equals(MigrationLog.STAMP) && source != null
                    && Objects.equals(source.checksum(), ran.checksum())) {
                ran = source; // the stamp kept what that row recorded: say what that row was
            }
            if (revision.state().equals(AppliedRevision.CHANGED)) {
                String file = graph.get(revision.revision()).location();
                String now = ((SqlMigration) byId.get(revision.revision())).upgradeChecksum();
                problems.add(new Problem(file, 0, revision.revision(),
                        changed(revision.revision(), ran, now, upgrades.get(revision.revision()), acceptWhen)));
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

    /**
     * A file whose text differs from the log's last record of its revision, said as the record was made: only an
     * upgrade ran SQL. After an accept or a stamp the file may even hold again what the upgrade before them ran
     * (an edit accepted, then undone): then the log's last word, not the database, disagrees with the file.
     */
    private static String changed(String revision, LogEntry last, String now, LogEntry upgrade,
                                  String acceptWhen) {
        String accept = "`migrate accept " + revision + "`" + acceptWhen;
        String sums = " (checksum " + shortSum(last.checksum()) + " then, " + shortSum(now) + " now)";
        if (!last.direction().equals(MigrationLog.UPGRADE) && upgrade != null && now.equals(upgrade.checksum())) {
            return "was applied on " + upgrade.startedAt() + " by " + upgrade.by() + " from the SQL this file holds "
                    + "now, but other SQL was " + verb(last) + " as what the database has on " + last.startedAt()
                    + " by " + last.by() + sums + ". If the database has what the file holds, record that with "
                    + accept + "; otherwise restore the file as it was " + verb(last);
        }
        String what = switch (last.direction()) {
            case MigrationLog.UPGRADE -> "the database ran other SQL than this file holds";
            case MigrationLog.ACCEPT -> "the file no longer holds the SQL accepted as what the database has";
            default -> "the file no longer holds the SQL it held when the database was marked as having it";
        };
        return "was " + verb(last) + " on " + last.startedAt() + " by " + last.by() + ", but the file has changed "
                + "since" + sums + ": " + what + ". Restore the file as it was, or, if the database really has what "
                + "the file now says, record that with " + accept;
    }

    /**
     * A failed migration, with what the log knows when it explains the failure better than "fix the migration":
     * <ul>
     *   <li>an upgrade that found an object already there, of a revision applied here and then marked not applied
     *       (a stamp to an older revision or a purge, or an accept of its removed file) with no downgrade since:
     *       what it built is probably still there;</li>
     *   <li>a downgrade that did not find an object, of a revision a stamp marked applied and that never ran here:
     *       what its downgrade removes was probably never created.</li>
     * </ul>
     * The planned steps after it that the log says the same of are named with it, and the stamp that records them
     * all (the rows after the last of them, other branches' heads included) is the advice. The failure unchanged
     * when the log says nothing of the kind.
     */
    static MigrationFailedException explainFromLog(MigrationFailedException failure, List<Step> steps,
                                                   List<MigrationLog.Entry> log) {
        Direction direction = DatabaseErrors.alreadyExists(failure) ? Direction.UPGRADE
                : DatabaseErrors.doesNotExist(failure) ? Direction.DOWNGRADE : null;
        int failed = 0;
        while (failed < steps.size() && !(steps.get(failed).revision().id().equals(failure.revision())
                && steps.get(failed).direction() == direction)) {
            failed++;
        }
        if (failed == steps.size() || !steps.get(failed).headsBefore().equals(failure.currentHeads())) {
            // The database is not where this step started (--transaction-mode all rolled back the steps before it):
            // a stamp from the plan would record what is not there.
            return failure;
        }
        Map<String, MigrationLog.Entry> latest = latestStates(log);
        Map<String, LogEntry> upgrades = lastUpgrades(log);
        int last = explainedFrom(steps, failed, direction, latest, upgrades);
        if (last == failed) {
            return failure;
        }
        String revision = failure.revision();
        LogEntry state = entry(latest.get(revision));
        List<String> alike = steps.subList(failed + 1, last).stream().map(step -> step.revision().id()).toList();
        String rows = steps.get(last - 1).headsAfter().isEmpty() ? "base"
                : String.join(" ", steps.get(last - 1).headsAfter());
        String theSame = alike.isEmpty() ? "" : ", and the log says the same of " + String.join(", ", alike)
                + ", next in this " + direction.word();
        String advice;
        if (direction == Direction.UPGRADE) {
            LogEntry applied = upgrades.get(revision);
            advice = "The log says " + revision + " was applied here on " + applied.startedAt() + " by "
                    + applied.by() + ", then marked not applied on " + state.startedAt() + " by " + state.by()
                    + ", by a stamp or an accept of its removed file, without its downgrade running: what it built is "
                    + "probably still in the database" + theSame + ". If the database has "
                    + (alike.isEmpty() ? "that schema" : "their schema") + ", record it with `migrate stamp " + rows
                    + "` and run the upgrade again.";
        } else {
            boolean everRan = log.stream().anyMatch(entry -> entry.revision().equals(revision)
                    && entry.direction().equals(MigrationLog.UPGRADE));
            advice = "The log says " + revision + " was marked applied by a stamp on " + state.startedAt() + " by "
                    + state.by() + (everRan ? ", and no upgrade of it has run here since its last downgrade"
                    : " and never ran here") + ": what its downgrade removes was probably never created"
                    + theSame + ". If the database lacks " + (alike.isEmpty() ? "that schema" : "their schema")
                    + ", record it with `migrate stamp " + rows + "` and run the downgrade again.";
        }
        // The log's account replaces "fix the migration": the migration is not what is wrong.
        String said = failure.getMessage();
        String before = said.endsWith(DatabaseErrors.FIX_THE_MIGRATION)
                ? said.substring(0, said.length() - DatabaseErrors.FIX_THE_MIGRATION.length()) : said + "\n  ";
        return new MigrationFailedException(before + advice, revision, failure.currentHeads(), failure.getCause());
    }

    /**
     * For {@code check}: the first pending upgrades whose objects the log says a stamp left in place (applied here,
     * then marked not applied with no downgrade since), on which `migrate upgrade` would fail, with the stamp that
     * records them; empty when the log says nothing of the kind.
     */
    static Optional<Problem> leftInPlace(List<Step> pending, List<MigrationLog.Entry> log) {
        Map<String, MigrationLog.Entry> latest = latestStates(log);
        Map<String, LogEntry> upgrades = lastUpgrades(log);
        int count = explainedFrom(pending, 0, Direction.UPGRADE, latest, upgrades);
        if (count == 0) {
            return Optional.empty();
        }
        List<String> ids = pending.subList(0, count).stream().map(step -> step.revision().id()).toList();
        String first = ids.get(0);
        LogEntry applied = upgrades.get(first);
        LogEntry unmarked = entry(latest.get(first));
        List<String> rows = pending.get(count - 1).headsAfter();
        return Optional.of(new Problem(null, 0, first, "is pending, but the log says it was applied here on "
                + applied.startedAt() + " by " + applied.by() + " and marked not applied on " + unmarked.startedAt()
                + " by " + unmarked.by() + " without its downgrade running" + (ids.size() == 1 ? "" : ", and the "
                + "same of " + String.join(", ", ids.subList(1, ids.size()))) + ": what "
                + (ids.size() == 1 ? "it" : "they") + " built is probably still there, and `migrate upgrade` would "
                + "fail on " + (ids.size() == 1 ? "it" : "them") + ". If the database has "
                + (ids.size() == 1 ? "that schema" : "their schema") + ", record it with `migrate stamp "
                + String.join(" ", rows) + "`"));
    }

    /** The end of the run of {@code direction} steps from {@code from} on that the log explains (see below). */
    private static int explainedFrom(List<Step> steps, int from, Direction direction,
                                     Map<String, MigrationLog.Entry> latest, Map<String, LogEntry> upgrades) {
        int end = from;
        while (end < steps.size() && steps.get(end).direction() == direction
                && explained(steps.get(end), latest, upgrades)) {
            end++;
        }
        return end;
    }

    /**
     * Whether the log explains {@code step} failing on its objects: an upgrade of a revision built here and then
     * unmarked without a downgrade; a downgrade of a revision a stamp marked applied that no upgrade built.
     */
    private static boolean explained(Step step, Map<String, MigrationLog.Entry> latest,
                                     Map<String, LogEntry> upgrades) {
        MigrationLog.Entry last = latest.get(step.revision().id());
        if (last == null) {
            return false;
        }
        boolean built = upgrades.containsKey(step.revision().id());
        return step.direction() == Direction.UPGRADE ? built && last.direction().equals(MigrationLog.UNSTAMP)
                : !built && last.direction().equals(MigrationLog.STAMP);
    }

    /** Each revision's last upgrade that no downgrade undid since (what its schema was built from here). */
    private static Map<String, LogEntry> lastUpgrades(List<MigrationLog.Entry> log) {
        return lastOf(log, entry -> entry.direction().equals(MigrationLog.UPGRADE));
    }

    /**
     * Each revision's last row that {@code records} accepts and no downgrade undid since (a transaction: false
     * migration that did not finish recorded nothing).
     */
    private static Map<String, LogEntry> lastOf(List<MigrationLog.Entry> log, Predicate<MigrationLog.Entry> records) {
        Map<String, LogEntry> rows = new HashMap<>();
        for (MigrationLog.Entry entry : log) {
            if (Boolean.FALSE.equals(entry.completed())) {
                continue;
            }
            if (records.test(entry)) {
                rows.put(entry.revision(), entry(entry));
            } else if (entry.direction().equals(MigrationLog.DOWNGRADE)) {
                rows.remove(entry.revision());
            }
        }
        return rows;
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

    /** The revisions whose last log row that changed their state left them applied. */
    static Set<String> loggedApplied(List<MigrationLog.Entry> log) {
        Set<String> applied = new HashSet<>();
        latestStates(log).values().stream().filter(Integrity::isApplying).forEach(e -> applied.add(e.revision()));
        return applied;
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
