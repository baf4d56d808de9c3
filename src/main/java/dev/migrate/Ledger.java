package dev.migrate;

import dev.migrate.api.AcceptResult;
import dev.migrate.api.AppliedRevision;
import dev.migrate.api.DatabaseException;
import dev.migrate.api.LogEntry;
import dev.migrate.api.MigrationListener;
import dev.migrate.api.Problem;
import dev.migrate.api.Status;
import dev.migrate.api.UsageException;
import dev.migrate.config.MigrateConfig;
import dev.migrate.db.CommandLock;
import dev.migrate.db.MigrationLog;
import dev.migrate.graph.Planner;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.RevisionNode;
import dev.migrate.graph.Step;
import dev.migrate.source.Migration;
import dev.migrate.source.SqlMigration;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commands over the applied-migrations log: {@code accept}, {@code log}, {@code status}, and what {@code check}
 * and {@code revision} ask of it. The comparison itself is {@link Integrity}'s.
 */
final class Ledger {
    private final MigrateConfig config;
    private final Migrations migrations;
    private final Connections connections;
    private final MigrationListener listener;

    Ledger(MigrateConfig config, Migrations migrations, Connections connections, MigrationListener listener) {
        this.config = config;
        this.migrations = migrations;
        this.connections = connections;
        this.listener = listener;
    }

    /**
     * Records that the files of {@code revisions} (or, with {@code all}, of every applied revision whose file
     * changed) hold what the database has: after an edit that was made on purpose, such as a comment or a
     * reformatted statement. Says which it accepted, and why it left alone the named ones it did not.
     */
    AcceptResult accept(List<String> revisions, boolean all) {
        if (revisions.isEmpty() && !all) {
            throw new UsageException("Name the revisions whose changed (or removed) files to accept, or --all for "
                    + "every one `migrate status` shows as changed or missing.");
        }
        Migrations.Loaded folder = migrations.load();
        RevisionGraph graph = folder.graph();
        if (!connections.databaseExists()) {
            throw new DatabaseException("There is no database at " + connections.where() + "; nothing to accept.");
        }
        try (Session session = connections.open();
             CommandLock lock = session.lock(config.lockTimeout(), listener)) {
            List<String> rows = session.rows();
            List<String> unknown = KnownRevisions.unknown(graph, rows);
            if (!unknown.isEmpty()) {
                // accept records files, not where the database is: say so before the repair that does help.
                throw new DatabaseException("Nothing was accepted: accept records edited or removed files of applied "
                        + "revisions, but cannot change the version table, and the table itself names a revision "
                        + "this folder does not have.\n" + KnownRevisions.explain(graph, unknown, session.log(),
                        config));
            }
            List<AppliedRevision> applied = new Integrity(graph, folder.byId(), config.location())
                    .applied(rows, session.log());
            // A revision whose file is gone is named as the log has it; the others by any unique prefix.
            List<String> named = revisions.stream().map(id -> applied.stream().anyMatch(r -> r.revision().equals(id)
                    && r.state().equals(AppliedRevision.MISSING)) ? id : graph.resolveId(id)).toList();
            List<AppliedRevision> chosen = new ArrayList<>();
            for (AppliedRevision revision : applied) {
                boolean acceptable = revision.differsFromItsFile();
                // A file that still matches what ran has nothing to accept: no log row, whoever names it.
                if (acceptable && (all || named.contains(revision.revision()))) {
                    chosen.add(revision);
                }
            }
            List<String> unchanged = new ArrayList<>();
            List<String> unrecorded = new ArrayList<>();
            for (String id : named) {
                AppliedRevision state = applied.stream().filter(r -> r.revision().equals(id)).findFirst().orElse(null);
                if (state != null && state.state().equals(AppliedRevision.OK)) {
                    unchanged.add(id);
                } else if (state != null && state.state().equals(AppliedRevision.UNRECORDED)
                        && folder.byId().get(id) instanceof SqlMigration) {
                    unrecorded.add(id);
                }
                if (state == null) {
                    throw new UsageException("Revision " + id + " is not applied to this database, so there is no "
                            + "recorded text to replace; nothing was accepted.");
                }
                if (!state.state().equals(AppliedRevision.MISSING) && !(folder.byId().get(id) instanceof SqlMigration)) {
                    throw new UsageException("Revision " + id + " is a Java migration: the log records no checksum "
                            + "for it, so there is nothing to accept.");
                }
            }
            List<String> changed = chosen.stream().filter(r -> !r.state().equals(AppliedRevision.MISSING))
                    .map(AppliedRevision::revision).toList();
            List<String> removed = chosen.stream().filter(r -> r.state().equals(AppliedRevision.MISSING))
                    .map(AppliedRevision::revision).toList();
            if (!chosen.isEmpty()) {
                session.createTables(config.schema());
                session.executor(folder.byId(), listener, config.arguments()).accept(changed, removed);
            }
            return new AcceptResult(chosen.stream().map(AppliedRevision::revision).toList(), unchanged, unrecorded);
        } catch (SQLException e) {
            throw connections.error(e);
        }
    }

    /** {@link #compare}'s problems for the configured folder: what {@code check --url} finds in the database. */
    List<Problem> verifyAppliedFiles() {
        Migrations.Loaded folder = migrations.load();
        return compare(folder.graph(), folder.byId()).problems();
    }

    /**
     * The newest {@code limit} entries of the log (0: all) that name {@code revision} (null: any), newest first.
     * {@code revision} is an id the log holds or a unique prefix of one: the log names revisions whose files may be
     * gone, so it is matched against the log, not the folder.
     */
    List<LogEntry> log(String revision, int limit) {
        List<LogEntry> entries = log();
        if (revision != null) {
            String id = loggedId(revision, entries);
            entries = entries.stream().filter(entry -> entry.revision().equals(id)).toList();
        }
        return limit > 0 && entries.size() > limit ? entries.subList(0, limit) : entries;
    }

    private static String loggedId(String idOrPrefix, List<LogEntry> entries) {
        Set<String> logged = new HashSet<>();
        entries.forEach(entry -> logged.add(entry.revision()));
        List<String> matches = RevisionGraph.matching(idOrPrefix, logged);
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            // Shaped like a target (a word such as head, a step such as +1 or b2-1, a branch's label@head), which
            // no revision could be named.
            boolean target = !RevisionNode.isDeclarableId(idOrPrefix) && (RevisionNode.isValidId(idOrPrefix)
                    || idOrPrefix.contains("@") || idOrPrefix.matches(".*[+-][0-9]+"));
            throw new UsageException("The log names no revision '" + idOrPrefix + "': nothing has run under that id "
                    + "on this database" + (target ? " (--revision takes an id, not a target such as head, current, "
                    + "+1 or label@head; `migrate show " + idOrPrefix + "` names the revision it stands for)" : "")
                    + ". Run `migrate log` to see every entry.");
        }
        throw new UsageException("Revision prefix '" + idOrPrefix + "' is ambiguous in the log; it matches "
                + String.join(", ", matches) + ". Give more characters of the id.");
    }

    /** The applied-migrations log, newest first; empty when the log does not exist yet. */
    List<LogEntry> log() {
        if (!connections.databaseExists()) {
            throw noDatabase("nothing is logged");
        }
        try (Session session = connections.open()) {
            List<LogEntry> entries = new ArrayList<>(session.log().stream().map(Integrity::entry).toList());
            java.util.Collections.reverse(entries);
            return entries;
        } catch (SQLException e) {
            throw connections.error(e);
        }
    }

    /**
     * Where the database stands: its rows, the folder's heads, what is pending, and each applied revision's state.
     * Rows the folder does not have are shown, not refused: status is where an operator looks to see what is wrong.
     */
    Status status() {
        Migrations.Loaded folder = migrations.load();
        RevisionGraph graph = folder.graph();
        if (!connections.databaseExists()) {
            throw noDatabase("no revision is applied");
        }
        try (Session session = connections.open()) {
            List<String> rows = session.rows();
            List<String> unknown = KnownRevisions.unknown(graph, rows);
            KnownRevisions.requireConsistent(graph, rows, config);
            List<AppliedRevision> applied = new Integrity(graph, folder.byId(), config.location())
                    .applied(rows, session.log());
            List<String> pending = unknown.isEmpty() ? ids(new Planner(graph).upgrade(rows, graph.heads())) : null;
            return new Status(rows, graph.heads(), pending, applied, session.unfinished(), unknown);
        } catch (SQLException e) {
            throw connections.error(e);
        }
    }

    /**
     * A SQLite file that is not there, for the commands that report on a database: a mistyped path (or a missing
     * DATABASE_URL) must not look like an empty database, as {@code current} says too.
     */
    private DatabaseException noDatabase(String consequence) {
        return new DatabaseException("There is no database at " + connections.where() + ": the file does not exist, so "
                + consequence + ". Check --url (or DATABASE_URL); `migrate upgrade` creates it.");
    }

    /** What {@link #compare} read from the database: its version-table rows, and the problems it found there. */
    record Comparison(List<String> rows, List<Problem> problems) {
    }

    /**
     * check --url, in one session: the database's rows; applied migrations whose files changed, or are gone, since
     * they ran; transaction: false migrations left unfinished; and pending revisions whose objects the log says a
     * stamp left in place, on which an upgrade would fail. A SQLite file that does not exist reads as no rows.
     */
    Comparison compare(RevisionGraph graph, Map<String, Migration> byId) {
        if (!connections.databaseExists()) {
            return new Comparison(List.of(), List.of());
        }
        try (Session session = connections.open()) {
            List<String> rows = session.rows();
            Integrity integrity = new Integrity(graph, byId, config.location());
            List<MigrationLog.Entry> log = session.log();
            List<Problem> problems = new ArrayList<>(integrity.problems(rows, log));
            problems.addAll(unfinished(session));
            if (KnownRevisions.unknown(graph, rows).isEmpty()) {
                Integrity.leftInPlace(new Planner(graph).upgrade(rows, graph.heads()), log).ifPresent(problems::add);
            }
            return new Comparison(rows, List.copyOf(problems));
        } catch (SQLException e) {
            throw connections.error(e);
        }
    }

    /** transaction: false migrations an earlier run left unfinished, as problems for check. */
    private static List<Problem> unfinished(Session session) throws SQLException {
        return session.tables().progress().read(session.connection()).stream().map(entry -> new Problem(null, 0,
                entry.revision(), "an earlier run did not finish its " + entry.direction() + " (transaction: false; "
                + (entry.completedLines().isEmpty() ? "no statement is known to have completed"
                : "the statements starting on lines " + entry.completedLines() + " completed")
                + "): repair the schema by hand, then `migrate stamp` where it really is")).toList();
    }

    /**
     * The revision ids the configured database's log has seen, when a database is configured (not the default URL)
     * and exists: {@code revision} never hands one of them out again, even if its file was deleted since.
     */
    Set<String> loggedIds() {
        if (!config.urlConfigured() || !connections.databaseExists()) {
            return Set.of();
        }
        try (Session session = connections.open()) {
            Set<String> ids = new HashSet<>();
            session.log().forEach(entry -> ids.add(entry.revision()));
            return ids;
        } catch (SQLException e) {
            throw connections.error(e);
        }
    }

    private static List<String> ids(List<Step> steps) {
        return steps.stream().map(step -> step.revision().id()).toList();
    }
}
