package dev.migrate;

import dev.migrate.api.CurrentState;
import dev.migrate.api.DatabaseException;
import dev.migrate.api.GraphInvalidException;
import dev.migrate.api.MigrationListener;
import dev.migrate.api.Problem;
import dev.migrate.api.RevisionInfo;
import dev.migrate.api.UsageException;
import dev.migrate.config.MigrateConfig;
import dev.migrate.graph.RevisionNode;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.RevisionRange;
import dev.migrate.graph.Target;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The commands that only read: {@code current}, {@code history}, {@code heads}, {@code show}, {@code branches}.
 * None creates anything: no table, no SQLite file.
 */
final class Reading {
    private final MigrateConfig config;
    private final Migrations migrations;
    private final Connections connections;
    private final MigrationListener listener;

    Reading(MigrateConfig config, Migrations migrations, Connections connections, MigrationListener listener) {
        this.config = config;
        this.migrations = migrations;
        this.connections = connections;
        this.listener = listener;
    }

    /**
     * The version table's rows, read without creating anything. The folder is read for the (head) marks; a folder
     * that does not load still shows the rows, with its problems, since that is when an operator needs them most.
     */
    CurrentState current() {
        RevisionGraph graph = null;
        List<Problem> folderProblems = List.of();
        List<String> heads = List.of();
        try {
            graph = migrations.graph();
            heads = graph.heads();
        } catch (GraphInvalidException e) {
            folderProblems = e.problems();
        }
        if (!connections.databaseExists()) {
            return new CurrentState(List.of(), false, false, List.of(), heads, folderProblems, List.of());
        }
        try (Session session = connections.open()) {
            List<String> rows = session.rows();
            if (graph != null) {
                KnownRevisions.warnIfShadowed(graph, rows, config, listener);
            }
            List<String> otherTables = rows.isEmpty() ? session.otherTables() : List.of();
            List<CurrentState.Row> described = new ArrayList<>();
            for (String id : rows) {
                described.add(graph != null && graph.contains(id)
                        ? new CurrentState.Row(id, true, graph.isHead(id), graph.get(id).message())
                        : new CurrentState.Row(id, false, false, ""));
            }
            return new CurrentState(described, true, session.versionTableExists(), otherTables, heads, folderProblems,
                    session.unfinished());
        } catch (SQLException e) {
            throw connections.error(e);
        }
    }

    /**
     * The revisions from newest to oldest, optionally limited to {@code START:END} (either side may be empty, and
     * each is a target such as {@code base}, an id, {@code current} or {@code head}).
     */
    List<RevisionInfo> history(String range) {
        RevisionGraph graph = migrations.graph();
        List<String> current = List.of();
        if (config.unsetUrl() != null && (range == null || !range.contains("current"))) {
            listener.warning("The current revision is not marked: there is no database URL (" + config.unsetUrl()
                    + ").");
        } else if (!connections.databaseExists()) {
            listener.warning("The current revision is not marked: " + connections.where() + " does not exist.");
        } else {
            try {
                current = connections.readRows();
            } catch (DatabaseException e) {
                // History is about the files; a database that cannot be reached only costs the (current) marks.
                listener.warning("The current revision is not marked: " + e.getMessage());
            }
        }
        List<String> unknown = current.stream().filter(id -> !graph.contains(id)).toList();
        KnownRevisions.warnIfShadowed(graph, current, config, listener);
        Set<String> shown = graph.ids();
        if (range != null && !range.isBlank()) {
            RevisionRange parsed = RevisionRange.parse(range);
            if (!parsed.separated()) {
                throw new UsageException("History range '" + range + "' needs the form START:END, for example "
                        + "base:head, 3f2a:, or :current.");
            }
            if (!unknown.isEmpty() && (parsed.start().equals("current") || parsed.end().equals("current"))) {
                throw new UsageException("The range '" + range + "' cannot be drawn: the database is at "
                        + String.join(", ", current) + ", and " + String.join(", ", unknown) + " no file in "
                        + config.location() + " declares. "
                        + "`migrate status` shows what its log knows of " + (unknown.size() == 1 ? "it" : "them")
                        + "; `migrate history` without current lists the folder's revisions.");
            }
            List<String> start = parsed.start().isEmpty() ? null : rangeEnd(graph, parsed.start(), current);
            shown = graph.between(start, parsed.end().isEmpty() ? null : rangeEnd(graph, parsed.end(), current));
            if (shown.isEmpty() && start != null && !start.isEmpty() && !parsed.end().isEmpty()) {
                // Not an empty answer: END does not come after START (reversed, or on another branch).
                throw new UsageException("'" + range + "' lists nothing: " + parsed.end() + " does not come after "
                        + parsed.start() + " (reversed, or on another branch). A range runs from an older revision to "
                        + "a newer one on its line, as `migrate history` lists them newest first.");
            }
        }
        if (!unknown.isEmpty()) {
            listener.warning("The database is at " + String.join(", ", current) + "; no file in " + config.location()
                    + " declares " + String.join(", ", unknown) + (unknown.size() == current.size()
                    ? ", so no revision below is marked (current)" : ", which is not listed below")
                    + ". `migrate status` shows what its log knows.");
        }
        Set<String> currentSet = Set.copyOf(current);
        List<RevisionInfo> newestFirst = new ArrayList<>();
        List<RevisionNode> order = graph.topological();
        for (int i = order.size() - 1; i >= 0; i--) {
            RevisionNode revision = order.get(i);
            if (shown.contains(revision.id())) {
                newestFirst.add(info(graph, revision, currentSet.contains(revision.id())));
            }
        }
        return newestFirst;
    }

    /** The folder's heads. */
    List<RevisionInfo> heads() {
        RevisionGraph graph = migrations.graph();
        return graph.heads().stream().map(id -> info(graph, graph.get(id), false)).toList();
    }

    /**
     * The revision the database is at, as Alembic's {@code show current}: empty at base; several heads are refused
     * (show needs one).
     */
    Optional<RevisionInfo> showCurrent() {
        RevisionGraph graph = migrations.graph();
        if (!connections.databaseExists()) {
            throw new DatabaseException("There is no database at " + connections.where() + ": the file does not "
                    + "exist, so no revision is current. Check --url (or DATABASE_URL).");
        }
        List<String> rows = KnownRevisions.read(connections, graph, config);
        if (rows.size() > 1) {
            throw new UsageException("The database is at " + rows.size() + " heads (" + String.join(", ", rows)
                    + "); show needs one: name it.");
        }
        return rows.stream().findFirst().map(id -> info(graph, graph.get(id), true));
    }

    /** One revision, named by any target that resolves to exactly one revision, or {@code current} (not at base). */
    RevisionInfo show(String revision) {
        if (revision.trim().equals("current")) {
            return showCurrent().orElseThrow(() -> new UsageException("The database is at base (no revision "
                    + "applied): there is no current revision to show."));
        }
        RevisionGraph graph = migrations.graph();
        Target target = Target.parse(revision);
        List<String> current = target.isRelativeToCurrent() ? connections.readRows() : rowsIfReadable();
        List<String> resolved = target.resolve(graph, current);
        if (resolved.size() != 1) {
            throw new UsageException("'" + revision + "' names " + (resolved.isEmpty() ? "no revision (base)"
                    : resolved.size() + " revisions (" + String.join(", ", resolved) + ")") + "; show needs one.");
        }
        // Marked (current) as `show current` marks it: the same revision must not read differently by its name.
        return info(graph, graph.get(resolved.get(0)), current.contains(resolved.get(0)));
    }

    /** The database's rows for a mark, or none where there is no database to read (show is about the file). */
    private List<String> rowsIfReadable() {
        return config.unsetUrl() != null ? List.of() : connections.rowsIfReadableNow();
    }

    /** The branch points: revisions more than one revision follows. */
    List<RevisionInfo> branches() {
        RevisionGraph graph = migrations.graph();
        return graph.topological().stream().filter(r -> graph.isBranchPoint(r.id()))
                .map(r -> info(graph, r, false)).toList();
    }

    /** The revisions that follow {@code id}. */
    List<RevisionInfo> children(String id) {
        RevisionGraph graph = migrations.graph();
        return graph.children(graph.resolveId(id)).stream().map(child -> info(graph, graph.get(child), false)).toList();
    }

    private static List<String> rangeEnd(RevisionGraph graph, String text, List<String> current) {
        return text.equals("current") ? current : Target.parse(text).resolve(graph, current);
    }

    private static RevisionInfo info(RevisionGraph graph, RevisionNode revision, boolean current) {
        return new RevisionInfo(revision.id(), revision.downRevisions(), revision.dependsOn(),
                revision.branchLabels(), revision.message(), revision.location(), revision.transactional(),
                revision.reversible(), graph.isHead(revision.id()), graph.isBranchPoint(revision.id()), current, revision.created());
    }
}
