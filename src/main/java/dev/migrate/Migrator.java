package dev.migrate;

import dev.migrate.api.CheckReport;
import dev.migrate.api.CurrentState;
import dev.migrate.api.DatabaseException;
import dev.migrate.api.GraphInvalidException;
import dev.migrate.api.MigrateException;
import dev.migrate.api.MigrationListener;
import dev.migrate.api.RevisionInfo;
import dev.migrate.api.RunResult;
import dev.migrate.api.StepInfo;
import dev.migrate.api.TransactionMode;
import dev.migrate.api.UsageException;
import dev.migrate.config.MigrateConfig;
import dev.migrate.db.CommandLock;
import dev.migrate.db.DataSources;
import dev.migrate.db.Dialect;
import dev.migrate.db.VersionTable;
import dev.migrate.engine.Executor;
import dev.migrate.graph.Planner;
import dev.migrate.graph.Revision;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Step;
import dev.migrate.graph.Target;
import dev.migrate.source.Migration;
import dev.migrate.source.MigrationFolder;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one Java entry point: reads the migrations folder, validates the graph, and runs commands against the
 * configured database. Returns values and reports progress to a listener; it never prints.
 */
public final class Migrator {
    private final MigrateConfig config;
    private final MigrationListener listener;
    private final Dialect dialect;
    private final VersionTable versionTable;

    public Migrator(MigrateConfig config, MigrationListener listener) {
        this.config = config;
        this.listener = listener;
        this.dialect = Dialect.of(config.connection());
        this.versionTable = new VersionTable(dialect, config.qualifiedVersionTable());
    }

    public MigrateConfig config() {
        return config;
    }

    /** Applies every revision {@code target} needs that the database does not have yet. */
    public RunResult upgrade(String target) {
        Target parsed = Target.parse(target);
        Folder folder = loadFolder();
        return withLockedConnection(connection -> {
            versionTable.create(connection);
            List<String> current = versionTable.read(connection);
            requireKnown(folder.graph, current);
            List<String> wanted = parsed.resolve(folder.graph, current);
            List<Step> steps = new Planner(folder.graph).upgrade(current, wanted);
            return run(connection, folder, steps, current);
        });
    }

    /** Undoes every applied revision that {@code target} does not need; refuses before running if one can't be. */
    public RunResult downgrade(String target) {
        Target parsed = Target.parse(target);
        Folder folder = loadFolder();
        return withLockedConnection(connection -> {
            List<String> current = versionTable.read(connection);
            requireKnown(folder.graph, current);
            List<String> wanted = parsed.resolve(folder.graph, current);
            List<Step> steps = new Planner(folder.graph).downgrade(current, wanted);
            return run(connection, folder, steps, current);
        });
    }

    /**
     * Sets the version table to {@code target} without running migrations. With {@code purge} the table is emptied
     * first, so a database that names revisions the folder no longer has can be repaired.
     */
    public RunResult stamp(String target, boolean purge) {
        Target parsed = Target.parse(target);
        Folder folder = loadFolder();
        return withLockedConnection(connection -> {
            versionTable.create(connection);
            List<String> current = versionTable.read(connection);
            if (!purge || parsed.isRelativeToCurrent()) {
                requireKnown(folder.graph, current);
            }
            List<String> rows = new Planner(folder.graph).stampHeads(parsed.resolve(folder.graph, current));
            connection.setAutoCommit(false);
            try {
                versionTable.replace(connection, rows);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            return new RunResult(List.of(), current, rows);
        });
    }

    /** The version table's rows; reading never creates the table (nor, on SQLite, the database file). */
    public CurrentState current() {
        Folder folder = loadFolder();
        List<String> rows = readCurrent();
        return new CurrentState(rows.stream().map(id -> folder.graph.contains(id)
                ? new CurrentState.Row(id, true, folder.graph.isHead(id), folder.graph.get(id).message())
                : new CurrentState.Row(id, false, false, "")).toList());
    }

    /**
     * The revisions from newest to oldest, optionally limited to {@code START:END} (either side may be empty, and
     * each is a target such as {@code base}, an id, {@code current} or {@code head}).
     */
    public List<RevisionInfo> history(String range) {
        Folder folder = loadFolder();
        RevisionGraph graph = folder.graph;
        List<String> current = readCurrent();
        Set<String> shown = new HashSet<>(graph.ids());
        if (range != null && !range.isBlank()) {
            int colon = range.indexOf(':');
            if (colon < 0) {
                throw new UsageException("History range '" + range + "' needs the form START:END, for example "
                        + "base:head, 3f2a:, or :current.");
            }
            String start = range.substring(0, colon).trim();
            String end = range.substring(colon + 1).trim();
            if (!end.isEmpty()) {
                shown.retainAll(graph.ancestors(resolveRangeEnd(graph, end, current)));
            }
            if (!start.isEmpty()) {
                shown.retainAll(descendants(graph, resolveRangeEnd(graph, start, current)));
            }
        }
        Set<String> currentSet = Set.copyOf(current);
        List<RevisionInfo> newestFirst = new ArrayList<>();
        List<Revision> order = graph.topological();
        for (int i = order.size() - 1; i >= 0; i--) {
            Revision revision = order.get(i);
            if (shown.contains(revision.id())) {
                newestFirst.add(info(graph, revision, currentSet.contains(revision.id())));
            }
        }
        return newestFirst;
    }

    /** The folder's heads. */
    public List<RevisionInfo> heads() {
        RevisionGraph graph = loadFolder().graph;
        return graph.heads().stream().map(id -> info(graph, graph.get(id), false)).toList();
    }

    /** One revision, named by any target that resolves to exactly one revision. */
    public RevisionInfo show(String revision) {
        Target target = Target.parse(revision);
        RevisionGraph graph = loadFolder().graph;
        List<String> current = target.isRelativeToCurrent() ? readCurrent() : List.of();
        List<String> resolved = target.resolve(graph, current);
        if (resolved.size() != 1) {
            throw new UsageException("'" + revision + "' names " + (resolved.isEmpty() ? "no revision (base)"
                    : resolved.size() + " revisions (" + String.join(", ", resolved) + ")") + "; show needs one.");
        }
        return info(graph, graph.get(resolved.get(0)), false);
    }

    /** Validates the folder; problems are returned, not thrown. */
    public CheckReport check() {
        MigrationFolder.Contents contents = new MigrationFolder(config.dir()).load();
        List<Revision> revisions = contents.migrations().stream().map(Migration::revision).toList();
        try {
            RevisionGraph graph = RevisionGraph.build(revisions, contents.problems());
            return new CheckReport(graph.size(), graph.heads(), List.of());
        } catch (GraphInvalidException e) {
            return new CheckReport(revisions.size(), List.of(), e.problems());
        }
    }

    private RunResult run(Connection connection, Folder folder, List<Step> steps, List<String> current) {
        if (config.transactionMode() == TransactionMode.ALL) {
            List<String> outside = steps.stream().filter(step -> !step.revision().transactional())
                    .map(step -> step.revision().id()).toList();
            if (!outside.isEmpty()) {
                throw new UsageException("--transaction-mode all cannot include " + String.join(", ", outside)
                        + ": " + (outside.size() == 1 ? "it is" : "they are") + " marked 'transaction: false'. "
                        + "Nothing was run. Use --transaction-mode per-migration, or stop the run before "
                        + outside.get(0) + ".");
            }
        }
        Executor executor = new Executor(connection, dialect, versionTable, folder.migrations, listener);
        List<StepInfo> done = executor.run(steps, config.transactionMode());
        List<String> after = steps.isEmpty() ? current : steps.get(steps.size() - 1).headsAfter();
        return new RunResult(done, current, after);
    }

    private List<String> resolveRangeEnd(RevisionGraph graph, String text, List<String> current) {
        if (text.equals("current")) {
            return current;
        }
        return Target.parse(text).resolve(graph, current);
    }

    private static Set<String> descendants(RevisionGraph graph, Collection<String> starts) {
        if (starts.isEmpty()) {
            return graph.ids();
        }
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(starts);
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) {
                todo.addAll(graph.children(id));
            }
        }
        return seen;
    }

    private static RevisionInfo info(RevisionGraph graph, Revision revision, boolean current) {
        return new RevisionInfo(revision.id(), revision.downRevisions(), revision.dependsOn(),
                revision.branchLabels(), revision.message(), revision.location(), revision.transactional(),
                revision.reversible(), graph.isHead(revision.id()), graph.isBranchPoint(revision.id()), current);
    }

    private void requireKnown(RevisionGraph graph, List<String> current) {
        List<String> unknown = current.stream().filter(id -> !graph.contains(id)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        throw new DatabaseException("The version table " + config.qualifiedVersionTable() + " names "
                + (unknown.size() == 1 ? "revision " : "revisions ") + String.join(", ", unknown)
                + ", which " + (unknown.size() == 1 ? "is" : "are") + " not in " + config.dir() + ".\n"
                + "  Either this folder lacks files the database was migrated with (check out the branch that has "
                + "them, or fix --dir), or the revision was renamed or deleted.\n"
                + "  To repair without running migrations: `migrate stamp --purge REVISION`, naming the revision of "
                + "this folder whose schema the database really has (see `migrate history`).");
    }

    private record Folder(RevisionGraph graph, Map<String, Migration> migrations) {
    }

    private Folder loadFolder() {
        MigrationFolder.Contents contents = new MigrationFolder(config.dir()).load();
        List<Revision> revisions = new ArrayList<>(contents.migrations().size());
        Map<String, Migration> byId = new HashMap<>();
        for (Migration migration : contents.migrations()) {
            revisions.add(migration.revision());
            byId.putIfAbsent(migration.revision().id(), migration);
        }
        return new Folder(RevisionGraph.build(revisions, contents.problems()), byId);
    }

    private List<String> readCurrent() {
        if (!dialect.databaseExists(config.connection())) {
            return List.of();
        }
        return withConnection(versionTable::read);
    }

    @FunctionalInterface
    private interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** For commands that write: the schema is created if needed, and the command's lock is held throughout. */
    private <T> T withLockedConnection(Work<T> work) {
        return withConnection(connection -> {
            try (CommandLock lock = dialect.lock(connection, config.connection(), config.qualifiedVersionTable(),
                    config.lockTimeout(), () -> listener.waiting("Waiting for another migrate command on this "
                            + "database to finish (it holds the migration lock"
                            + (config.lockTimeout() == null ? ")..." : "; giving up after "
                            + config.lockTimeout().toSeconds() + " s)...")))) {
                // Whatever ran while we waited is in the version table now: the work reads it after the lock.
                dialect.createSchema(connection, config.schema());
                return work.apply(connection);
            }
        });
    }

    private <T> T withConnection(Work<T> work) {
        String where = dialect.location(config.connection());
        Consumer<String> onWait = reason -> listener.waiting("Waiting up to " + config.waitForDatabase().toSeconds()
                + " s for " + where + " to accept connections (" + reason + ")...");
        try (DataSources.CommandDataSource source = DataSources.forCommand(config.connection(), dialect,
                config.waitForDatabase(), onWait)) {
            Connection connection;
            try {
                connection = source.dataSource().getConnection();
            } catch (SQLException e) {
                throw new DatabaseException("Cannot connect to " + where + ": " + rootMessage(e), e);
            }
            try (connection) {
                dialect.prepareSession(connection, config.schema());
                return work.apply(connection);
            } catch (SQLException e) {
                throw new DatabaseException("Database error on " + where + ": " + e.getMessage(), e);
            }
        } catch (MigrateException e) {
            throw e;
        } catch (Exception e) {
            throw new DatabaseException("Cannot close the connection to " + where + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? String.valueOf(error.getMessage())
                : error.getMessage() + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
