package dev.migrate;

import dev.migrate.api.CheckOptions;
import dev.migrate.api.CheckReport;
import dev.migrate.api.CurrentState;
import dev.migrate.api.DatabaseException;
import dev.migrate.api.GraphInvalidException;
import dev.migrate.api.ImportReport;
import dev.migrate.api.ImportRequest;
import dev.migrate.api.MigrationFailedException;
import dev.migrate.api.MigrationListener;
import dev.migrate.api.OfflineScript;
import dev.migrate.api.Problem;
import dev.migrate.api.RevisionInfo;
import dev.migrate.api.RevisionRequest;
import dev.migrate.api.RunResult;
import dev.migrate.api.StepInfo;
import dev.migrate.api.TransactionMode;
import dev.migrate.api.UsageException;
import dev.migrate.config.MigrateConfig;
import dev.migrate.db.CommandLock;
import dev.migrate.db.DatabaseErrors;
import dev.migrate.db.Dialect;
import dev.migrate.engine.Executor;
import dev.migrate.graph.Planner;
import dev.migrate.graph.Revision;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.RevisionRange;
import dev.migrate.graph.Step;
import dev.migrate.graph.Target;
import dev.migrate.source.Migration;
import dev.migrate.source.MigrationSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one Java entry point: reads the migrations, validates the graph, and runs commands against the configured
 * database. Returns values and reports progress to a listener; it never prints.
 *
 * <pre>{@code
 * Migrator migrator = Migrator.builder()
 *         .dataSource(dataSource)
 *         .location("classpath:db/migrations")
 *         .build();
 * migrator.upgrade("head");
 * }</pre>
 */
public final class Migrator {
    private final MigrateConfig config;
    private final MigrationListener listener;
    private final Connections connections;
    private final Migrations migrations;

    /** For the CLI and for applications that configure by URL; see {@link #builder()} for a data source. */
    public Migrator(MigrateConfig config, MigrationListener listener) {
        this(config, listener, null, Migrator.class.getClassLoader());
    }

    private Migrator(MigrateConfig config, MigrationListener listener, DataSource dataSource, ClassLoader loader) {
        this.config = config;
        this.listener = listener;
        this.connections = new Connections(config, listener, dataSource);
        this.migrations = new Migrations(config, listener, loader);
    }

    /** Configures a Migrator for an application: its own data source, a classpath location, a listener. */
    public static Builder builder() {
        return new Builder();
    }

    public MigrateConfig config() {
        return config;
    }

    /** Applies every revision {@code target} needs that the database does not have yet. */
    public RunResult upgrade(String target) {
        Target parsed = Target.parse(target);
        Migrations.Loaded folder = migrations.load();
        Planner planner = new Planner(folder.graph());
        return run(folder, current -> planner.upgrade(current, resolve(parsed, folder.graph(), current)));
    }

    /** Undoes every applied revision that {@code target} does not need; refuses before running if one can't be. */
    public RunResult downgrade(String target) {
        Target parsed = Target.parse(target);
        Migrations.Loaded folder = migrations.load();
        Planner planner = new Planner(folder.graph());
        return run(folder, current -> planner.downgrade(current, resolve(parsed, folder.graph(), current)));
    }

    /**
     * Sets the version table to {@code target} without running migrations. With {@code purge} the table is emptied
     * first, so a database that names revisions the folder no longer has can be repaired. A stamp also forgets the
     * {@code transaction: false} migrations an earlier run left unfinished: stamping is how an operator says the
     * schema has been repaired.
     */
    public RunResult stamp(String target, boolean purge) {
        Target parsed = Target.parse(target);
        RevisionGraph graph = migrations.load().graph();
        Planner planner = new Planner(graph);
        Plan<List<String>> rowsFor = current -> {
            if (!purge || parsed.isRelativeToCurrent()) {
                requireKnown(graph, current);
            }
            return planner.stampHeads(parsed.resolve(graph, current));
        };
        if (!connections.databaseExists()) {
            rowsFor.make(List.of()); // a refusal must not create the database
        }
        try (Session session = connections.open()) {
            rowsFor.make(session.rows()); // refuse before the lock file, the schema or the table exist
            try (CommandLock lock = session.lock(config.lockTimeout(), listener)) {
                List<String> current = session.rows();
                List<String> rows = rowsFor.make(current);
                session.createVersionTable(config.schema());
                executor(session, Map.of()).stamp(rows);
                return new RunResult(List.of(), current, rows);
            }
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    /**
     * The version table's rows, read without creating anything. The folder is read for the (head) marks; a folder
     * that does not load still shows the rows, with its problems, since that is when an operator needs them most.
     */
    public CurrentState current() {
        RevisionGraph graph = null;
        List<Problem> folderProblems = List.of();
        List<String> heads = List.of();
        try {
            graph = migrations.load().graph();
            heads = graph.heads();
        } catch (GraphInvalidException e) {
            folderProblems = e.problems();
        }
        if (!connections.databaseExists()) {
            return new CurrentState(List.of(), false, false, List.of(), heads, folderProblems);
        }
        try (Session session = connections.open()) {
            List<String> rows = session.rows();
            List<String> otherTables = rows.isEmpty() ? session.otherTables() : List.of();
            List<CurrentState.Row> described = new ArrayList<>();
            for (String id : rows) {
                described.add(graph != null && graph.contains(id)
                        ? new CurrentState.Row(id, true, graph.isHead(id), graph.get(id).message())
                        : new CurrentState.Row(id, false, false, ""));
            }
            return new CurrentState(described, true, session.versionTableExists(), otherTables, heads, folderProblems);
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    /**
     * The revisions from newest to oldest, optionally limited to {@code START:END} (either side may be empty, and
     * each is a target such as {@code base}, an id, {@code current} or {@code head}).
     */
    public List<RevisionInfo> history(String range) {
        Migrations.Loaded folder = migrations.load();
        RevisionGraph graph = folder.graph();
        List<String> current = List.of();
        if (!connections.databaseExists()) {
            listener.warning("The current revision is not marked: " + connections.where() + " does not exist.");
        } else {
            try {
                current = readRows();
            } catch (DatabaseException e) {
                // History is about the files; a database that cannot be reached only costs the (current) marks.
                listener.warning("The current revision is not marked: " + e.getMessage());
            }
        }
        Set<String> shown = graph.ids();
        if (range != null && !range.isBlank()) {
            RevisionRange parsed = RevisionRange.parse(range);
            if (!parsed.separated()) {
                throw new UsageException("History range '" + range + "' needs the form START:END, for example "
                        + "base:head, 3f2a:, or :current.");
            }
            shown = graph.between(parsed.start().isEmpty() ? null : rangeEnd(graph, parsed.start(), current),
                    parsed.end().isEmpty() ? null : rangeEnd(graph, parsed.end(), current));
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
        RevisionGraph graph = migrations.load().graph();
        return graph.heads().stream().map(id -> info(graph, graph.get(id), false)).toList();
    }

    /** One revision, named by any target that resolves to exactly one revision. */
    public RevisionInfo show(String revision) {
        Target target = Target.parse(revision);
        RevisionGraph graph = migrations.load().graph();
        List<String> current = target.isRelativeToCurrent() ? readRows() : List.of();
        List<String> resolved = target.resolve(graph, current);
        if (resolved.size() != 1) {
            throw new UsageException("'" + revision + "' names " + (resolved.isEmpty() ? "no revision (base)"
                    : resolved.size() + " revisions (" + String.join(", ", resolved) + ")") + "; show needs one.");
        }
        return info(graph, graph.get(resolved.get(0)), false);
    }

    /** Validates the migrations; problems are returned, not thrown. */
    public CheckReport check() {
        return check(CheckOptions.GRAPH_ONLY);
    }

    /** Validates the migrations and, as asked, downgrades, a single head and the database being at head. */
    public CheckReport check(CheckOptions options) {
        MigrationSource source = migrations.source();
        MigrationSource.Contents contents = source.load();
        List<Problem> problems = new ArrayList<>(contents.problems());
        problems.addAll(source.strayFiles());
        problems.addAll(StatementProblems.of(contents.migrations(), config));
        List<Revision> revisions = contents.migrations().stream().map(Migration::revision).toList();
        RevisionGraph graph;
        try {
            graph = RevisionGraph.build(revisions, problems);
        } catch (GraphInvalidException e) {
            return new CheckReport(revisions.size(), List.of(), e.problems(), List.of());
        }
        if (options.requireDowngrade()) {
            for (Revision revision : graph.topological()) {
                if (!revision.reversible()) {
                    problems.add(new Problem(revision.location(), 0, revision.id(),
                            "has no downgrade (--require-downgrade)"));
                }
            }
        }
        if (options.singleHead() && graph.heads().size() > 1) {
            problems.add(new Problem(null, 0, null, graph.heads().size() + " heads (" + String.join(", ", graph.heads())
                    + "); write a merge revision: migrate merge -m \"merge\" " + String.join(" ", graph.heads())));
        }
        List<String> pending = List.of();
        if (options.database()) {
            List<String> current = readRows();
            List<String> unknown = current.stream().filter(id -> !graph.contains(id)).toList();
            if (!unknown.isEmpty()) {
                problems.add(new Problem(null, 0, null, "the database is at " + String.join(", ", unknown)
                        + ", which is not in " + config.location() + "; see `migrate stamp --purge`"));
            } else {
                pending = new Planner(graph).upgrade(current, graph.heads()).stream()
                        .map(step -> step.revision().id()).toList();
            }
        }
        return new CheckReport(graph.size(), graph.heads(), problems, pending);
    }

    /**
     * The SQL script an upgrade from {@code START} to {@code END} would run ({@code START:END}, or {@code END} from
     * base), rendered for {@code dialect} without connecting to any database.
     */
    public OfflineScript upgradeScript(String range, Dialect dialect) {
        return new Scripts(config, migrations.load(), dialect).upgrade(range);
    }

    /** The SQL script of a downgrade {@code FROM:TO}, rendered without connecting. */
    public OfflineScript downgradeScript(String range, Dialect dialect) {
        return new Scripts(config, migrations.load(), dialect).downgrade(range);
    }

    /** The SQL script of a stamp, rendered without connecting. */
    public OfflineScript stampScript(String target, Dialect dialect) {
        return new Scripts(config, migrations.load(), dialect).stamp(target);
    }

    /** Writes a new revision on the single head (or {@code request.head()}); returns the file written. */
    public Path revision(RevisionRequest request) {
        return new Authoring(config, migrations.load().graph()).revision(request);
    }

    /** Writes a merge revision of {@code revisions} (default: every head); returns the file written. */
    public Path merge(String message, List<String> revisions) {
        return new Authoring(config, migrations.load().graph()).merge(message, revisions);
    }

    /** The branch points: revisions more than one revision follows. */
    public List<RevisionInfo> branches() {
        RevisionGraph graph = migrations.load().graph();
        return graph.topological().stream().filter(r -> graph.isBranchPoint(r.id()))
                .map(r -> info(graph, r, false)).toList();
    }

    /** The revisions that follow {@code id}. */
    public List<RevisionInfo> children(String id) {
        RevisionGraph graph = migrations.load().graph();
        return graph.children(graph.resolveId(id)).stream().map(child -> info(graph, graph.get(child), false)).toList();
    }

    /** A plan made from the version table's rows: pure, so it is made again once the lock is held. */
    @FunctionalInterface
    private interface Plan<T> {
        T make(List<String> current);
    }

    /**
     * The one path of every upgrade and downgrade: plan from what the database holds now and refuse before anything
     * is written; take the lock; read the rows again and plan again (another runner may have moved the database
     * while we waited); create the version table; execute.
     */
    private RunResult run(Migrations.Loaded folder, Plan<List<Step>> plan) {
        RunChecks checks = new RunChecks(config, folder);
        if (!connections.databaseExists()) {
            // A refusal must not create the database.
            checks.beforeRunning(plan.make(List.of()), Dialect.of(config.connection()));
        }
        try (Session session = connections.open()) {
            checks.beforeRunning(plan.make(session.rows()), session.dialect()); // nor the lock file, schema or table
            try (CommandLock lock = session.lock(config.lockTimeout(), listener)) {
                List<String> current = session.rows();
                List<Step> steps = plan.make(current);
                checks.beforeRunning(steps, session.dialect());
                checks.noUnfinishedMigration(session.progressTable().read(session.connection()));
                List<String> takenOver = current.isEmpty() && !session.versionTableExists()
                        ? session.otherTables() : List.of();
                session.createVersionTable(config.schema());
                try {
                    List<StepInfo> done = executor(session, folder.byId()).run(steps, config.transactionMode());
                    List<String> after = steps.isEmpty() ? current : steps.get(steps.size() - 1).headsAfter();
                    return new RunResult(done, current, after);
                } catch (MigrationFailedException e) {
                    throw takenOver.isEmpty() || !e.currentHeads().isEmpty() ? e
                            : Takeover.failedFirstUpgrade(e, takenOver, config);
                }
            }
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    private Executor executor(Session session, Map<String, Migration> byId) {
        return new Executor(session.connection(), session.dialect(), session.versionTable(), session.progressTable(),
                byId, listener, config.arguments());
    }

    /** The rows, for commands that only read: nothing is created, and a missing SQLite file reads as no rows. */
    private List<String> readRows() {
        if (!connections.databaseExists()) {
            return List.of();
        }
        try (Session session = connections.open()) {
            return session.rows();
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    private List<String> resolve(Target target, RevisionGraph graph, List<String> current) {
        requireKnown(graph, current);
        return target.resolve(graph, current);
    }

    private DatabaseException databaseError(SQLException e) {
        return new DatabaseException(DatabaseErrors.explain("Database error on " + connections.where(), e,
                config.connection()), e);
    }

    private static List<String> rangeEnd(RevisionGraph graph, String text, List<String> current) {
        return text.equals("current") ? current : Target.parse(text).resolve(graph, current);
    }

    private static RevisionInfo info(RevisionGraph graph, Revision revision, boolean current) {
        return new RevisionInfo(revision.id(), revision.downRevisions(), revision.dependsOn(),
                revision.branchLabels(), revision.message(), revision.location(), revision.transactional(),
                revision.reversible(), graph.isHead(revision.id()), graph.isBranchPoint(revision.id()), current, revision.created());
    }

    private void requireKnown(RevisionGraph graph, List<String> current) {
        List<String> unknown = current.stream().filter(id -> !graph.contains(id)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        throw new DatabaseException("The version table " + config.qualifiedVersionTable() + " names "
                + (unknown.size() == 1 ? "revision " : "revisions ") + String.join(", ", unknown)
                + ", which " + (unknown.size() == 1 ? "is" : "are") + " not in " + config.location() + ".\n"
                + "  Either these migrations lack files the database was migrated with (check out the branch that "
                + "has them, or fix --dir), or the revision was renamed or deleted.\n"
                + "  To repair without running migrations: `migrate stamp --purge REVISION`, naming the revision of "
                + "this folder whose schema the database really has (see `migrate history`).");
    }

    /**
     * Converts another tool's migrations folder into native files in the migrations folder (a re-run changes
     * nothing); with {@link ImportRequest#stampFromHistory()}, also reads that tool's history table in the database
     * and stamps the revision it records, refusing when that history is inconsistent.
     */
    public ImportReport importFrom(ImportRequest request) {
        return new Adoption(config, connections, this).run(request);
    }

    /** Builds a {@link Migrator} for an application. */
    public static final class Builder {
        private final MigrateConfig.Builder config = MigrateConfig.builder();
        private DataSource dataSource;
        private MigrationListener listener = MigrationListener.NONE;
        private ClassLoader classLoader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : Migrator.class.getClassLoader();

        private Builder() {
        }

        /** The application's own data source; it is borrowed for each command and never closed. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            config.externalDataSource(dataSource != null);
            return this;
        }

        public Builder url(String url) {
            config.url(url);
            return this;
        }

        public Builder user(String user) {
            config.user(user);
            return this;
        }

        public Builder password(String password) {
            config.password(password);
            return this;
        }

        /** A folder of migration files. */
        public Builder dir(Path dir) {
            config.dir(dir);
            return this;
        }

        /** {@code classpath:db/migrations} for migrations inside the application's jar, or a folder path. */
        public Builder location(String location) {
            config.location(location);
            return this;
        }

        /** The class loader for classpath locations and Java migrations; default: the thread's context loader. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = classLoader;
            return this;
        }

        public Builder versionTable(String versionTable) {
            config.versionTable(versionTable);
            return this;
        }

        public Builder schema(String schema) {
            config.schema(schema);
            return this;
        }

        public Builder transactionMode(TransactionMode mode) {
            config.transactionMode(mode);
            return this;
        }

        public Builder lockTimeout(Duration timeout) {
            config.lockTimeout(timeout);
            return this;
        }

        /** Values for Java migrations' {@link dev.migrate.api.MigrationContext#arguments()} and SQL placeholders. */
        public Builder arguments(Map<String, String> arguments) {
            config.arguments(arguments);
            return this;
        }

        public Builder listener(MigrationListener listener) {
            this.listener = listener;
            return this;
        }

        public Migrator build() {
            return new Migrator(config.build(), listener, dataSource, classLoader);
        }
    }
}
