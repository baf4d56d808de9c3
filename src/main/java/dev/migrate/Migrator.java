package dev.migrate;

import dev.migrate.api.AppliedRevision;
import dev.migrate.api.CheckOptions;
import dev.migrate.api.CheckReport;
import dev.migrate.api.CurrentState;
import dev.migrate.api.DatabaseException;
import dev.migrate.api.GraphInvalidException;
import dev.migrate.api.LogEntry;
import dev.migrate.api.MigrationFailedException;
import dev.migrate.api.MigrationListener;
import dev.migrate.api.OfflineScript;
import dev.migrate.api.Problem;
import dev.migrate.api.RevisionInfo;
import dev.migrate.api.RevisionRequest;
import dev.migrate.api.RunResult;
import dev.migrate.api.StampResult;
import dev.migrate.api.Status;
import dev.migrate.api.StepInfo;
import dev.migrate.api.TransactionMode;
import dev.migrate.api.UsageException;
import dev.migrate.config.MigrateConfig;
import dev.migrate.config.Setting;
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
import dev.migrate.source.SqlMigration;
import dev.migrate.sql.SqlFlavor;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
        StampResult stamped = stamp(target, purge, false);
        return new RunResult(List.of(), stamped.headsBefore(), stamped.headsAfter());
    }

    /**
     * Like {@link #stamp(String, boolean)}, and says which revisions the stamp marks applied or not applied without
     * running them (each is logged as a stamp); with {@code dryRun} it only says so and writes nothing.
     */
    public StampResult stamp(String target, boolean purge, boolean dryRun) {
        Target parsed = Target.parse(target);
        Migrations.Loaded folder = migrations.load();
        RevisionGraph graph = folder.graph();
        Planner planner = new Planner(graph);
        Plan<List<String>> rowsFor = current -> {
            if (!purge || parsed.isRelativeToCurrent()) {
                requireKnown(graph, current);
            }
            return planner.stampHeads(parsed.resolve(graph, current));
        };
        if (!connections.databaseExists()) {
            List<String> rows = rowsFor.make(List.of()); // a refusal must not create the database
            if (dryRun) {
                return marks(graph, List.of(), rows, true, !rows.isEmpty());
            }
        }
        try (Session session = connections.open()) {
            rowsFor.make(session.rows()); // refuse before the lock file, the schema or the table exist
            if (dryRun) {
                List<String> current = session.rows();
                List<String> rows = rowsFor.make(current);
                return marks(graph, current, rows, true, !rows.isEmpty() && session.otherTables().isEmpty());
            }
            try (CommandLock lock = session.lock(config.lockTimeout(), listener)) {
                List<String> current = session.rows();
                List<String> rows = rowsFor.make(current);
                StampResult result = marks(graph, current, rows, false,
                        !rows.isEmpty() && session.otherTables().isEmpty());
                session.createTables(config.schema());
                executor(session, folder.byId()).stamp(rows, result.marked(), result.unmarked());
                return result;
            }
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    private static StampResult marks(RevisionGraph graph, List<String> before, List<String> after, boolean dryRun,
                                     boolean emptySchema) {
        Planner.StampChanges changes = new Planner(graph).stampChanges(before, after);
        return new StampResult(before, after, changes.marked(), changes.unmarked(), dryRun, emptySchema);
    }

    /**
     * Records that the files of {@code revisions} (or, with {@code all}, of every applied revision whose file
     * changed) hold what the database has: after an edit that was made on purpose, such as a comment or a
     * reformatted statement. Returns the revisions accepted.
     */
    public List<String> accept(List<String> revisions, boolean all) {
        if (revisions.isEmpty() && !all) {
            throw new UsageException("Name the revisions whose changed files to accept, or --all for every one "
                    + "`migrate status` shows as changed.");
        }
        Migrations.Loaded folder = migrations.load();
        List<String> named = revisions.stream().map(folder.graph()::resolveId).toList();
        if (!connections.databaseExists()) {
            throw new DatabaseException("There is no database at " + connections.where() + "; nothing to accept.");
        }
        try (Session session = connections.open();
             CommandLock lock = session.lock(config.lockTimeout(), listener)) {
            List<String> rows = session.rows();
            requireKnown(folder.graph(), rows);
            List<AppliedRevision> applied = new Integrity(folder.graph(), folder.byId(), config.location())
                    .applied(rows, session.log());
            List<String> changed = applied.stream().filter(r -> r.state().equals(AppliedRevision.CHANGED))
                    .map(AppliedRevision::revision).toList();
            List<String> accepted = all ? changed : named;
            for (String id : named) {
                AppliedRevision state = applied.stream().filter(r -> r.revision().equals(id)).findFirst().orElse(null);
                if (state == null) {
                    throw new UsageException("Revision " + id + " is not applied to this database, so there is no "
                            + "recorded text to replace; nothing was accepted.");
                }
                if (!(folder.byId().get(id) instanceof SqlMigration)) {
                    throw new UsageException("Revision " + id + " is a Java migration: the log records no checksum "
                            + "for it, so there is nothing to accept.");
                }
            }
            if (!accepted.isEmpty()) {
                session.createTables(config.schema());
                executor(session, folder.byId()).accept(accepted);
            }
            return accepted;
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    /** The applied-migrations log, newest first; empty when the database or the log does not exist yet. */
    public List<LogEntry> log() {
        if (!connections.databaseExists()) {
            return List.of();
        }
        try (Session session = connections.open()) {
            List<LogEntry> entries = new ArrayList<>(session.log().stream().map(Integrity::entry).toList());
            java.util.Collections.reverse(entries);
            return entries;
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    /** Where the database stands: its rows, the folder's heads, what is pending, and each applied revision's state. */
    public Status status() {
        Migrations.Loaded folder = migrations.load();
        RevisionGraph graph = folder.graph();
        if (!connections.databaseExists()) {
            return new Status(List.of(), graph.heads(), ids(new Planner(graph).upgrade(List.of(), graph.heads())),
                    List.of());
        }
        try (Session session = connections.open()) {
            List<String> rows = session.rows();
            requireKnown(graph, rows);
            List<AppliedRevision> applied = new Integrity(graph, folder.byId(), config.location())
                    .applied(rows, session.log());
            return new Status(rows, graph.heads(), ids(new Planner(graph).upgrade(rows, graph.heads())), applied);
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    /** check --url: applied migrations whose files changed, or are gone, since they ran. */
    private List<Problem> changedFiles(RevisionGraph graph, MigrationSource.Contents contents) {
        if (!connections.databaseExists()) {
            return List.of();
        }
        Map<String, Migration> byId = new HashMap<>();
        contents.migrations().forEach(migration -> byId.putIfAbsent(migration.revision().id(), migration));
        try (Session session = connections.open()) {
            List<String> rows = session.rows();
            Integrity integrity = new Integrity(graph, byId, config.location());
            return integrity.problems(integrity.applied(rows, session.log()));
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    /**
     * The revision ids the configured database's log has seen, when a database is configured (not the default URL)
     * and exists: {@code revision} never hands one of them out again, even if its file was deleted since.
     */
    private Set<String> loggedIds() {
        if ("default".equals(config.sources().get(Setting.URL)) || !connections.databaseExists()) {
            return Set.of();
        }
        try (Session session = connections.open()) {
            Set<String> ids = new HashSet<>();
            session.log().forEach(entry -> ids.add(entry.revision()));
            return ids;
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    private static List<String> ids(List<Step> steps) {
        return steps.stream().map(step -> step.revision().id()).toList();
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
        problems.addAll(StatementProblems.of(contents.migrations(), config, options.dialect()));
        List<Revision> revisions = contents.migrations().stream().map(Migration::revision).toList();
        RevisionGraph graph;
        try {
            graph = RevisionGraph.build(revisions, problems);
        } catch (GraphInvalidException e) {
            return new CheckReport(revisions.size(), List.of(), e.problems(), List.of());
        }
        if (options.requireDowngrade()) {
            Map<String, Migration> byId = new HashMap<>();
            contents.migrations().forEach(migration -> byId.putIfAbsent(migration.revision().id(), migration));
            SqlFlavor flavor = (options.dialect() != null ? Dialect.named(options.dialect())
                    : Dialect.of(config.connection())).flavor();
            for (Revision revision : graph.topological()) {
                if (!revision.reversible()) {
                    problems.add(new Problem(revision.location(), 0, revision.id(),
                            "has no downgrade (--require-downgrade)"));
                } else if (byId.get(revision.id()) instanceof SqlMigration sql && sql.downgradeUnwritten(flavor)) {
                    problems.add(new Problem(revision.location(), sql.downgrade().firstLine() - 1, revision.id(),
                            "the downgrade section is empty (--require-downgrade): write it, or add a line "
                                    + "'-- migrate:nothing' to it if undoing this revision needs no SQL"));
                }
            }
        }
        if (options.singleHead() && graph.heads().size() > 1) {
            problems.add(new Problem(null, 0, null, graph.heads().size() + " heads (" + String.join(", ", graph.heads())
                    + "); write a merge revision: migrate merge -m \"merge\" " + String.join(" ", graph.heads())));
        }
        List<String> pending = List.of();
        if (options.database()) {
            problems.addAll(changedFiles(graph, contents));
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
        Migrations.Loaded folder = migrations.load();
        // current:END starts where the database is: the one case where an offline script reads the database.
        List<String> current = RevisionRange.parse(range).start().equals("current") ? readRows() : List.of();
        return new Scripts(config, folder, dialect).upgrade(range, current);
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
        return new Authoring(config, migrations.load().graph(), loggedIds()).revision(request);
    }

    /** Writes a merge revision of {@code revisions} (default: every head); returns the file written. */
    public Path merge(String message, List<String> revisions) {
        return new Authoring(config, migrations.load().graph(), loggedIds()).merge(message, revisions);
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
            // A refusal must not create the database, nor must a command with nothing to do.
            List<Step> steps = plan.make(List.of());
            checks.beforeRunning(steps, Dialect.of(config.connection()));
            if (steps.isEmpty()) {
                return new RunResult(List.of(), List.of(), List.of());
            }
        }
        try (Session session = connections.open()) {
            checks.beforeRunning(plan.make(session.rows()), session.dialect()); // nor the lock file, schema or table
            try (CommandLock lock = session.lock(config.lockTimeout(), listener)) {
                List<String> current = session.rows();
                List<Step> steps = plan.make(current);
                checks.beforeRunning(steps, session.dialect());
                if (steps.isEmpty()) {
                    return new RunResult(List.of(), current, current); // nothing to write, not even a table
                }
                checks.noUnfinishedMigration(session.tables().progress().read(session.connection()));
                refuseChangedFiles(folder, current, session);
                List<String> takenOver = current.isEmpty() && !session.versionTableExists()
                        ? session.otherTables() : List.of();
                session.createTables(config.schema());
                try {
                    List<StepInfo> done = executor(session, folder.byId()).run(steps, config.transactionMode());
                    List<String> after = steps.isEmpty() ? current : steps.get(steps.size() - 1).headsAfter();
                    return new RunResult(done, current, after);
                } catch (MigrationFailedException e) {
                    throw takenOver.isEmpty() || !e.currentHeads().isEmpty() || !Takeover.alreadyExists(e) ? e
                            : Takeover.failedFirstUpgrade(e, takenOver, config);
                }
            }
        } catch (SQLException e) {
            throw databaseError(e);
        }
    }

    /**
     * Refuses (exit 1) to run on top of applied migrations whose files changed since they ran, unless told to: the
     * database ran other SQL than the folder holds, and whatever runs next was written against the folder.
     */
    private void refuseChangedFiles(Migrations.Loaded folder, List<String> current, Session session)
            throws SQLException {
        if (config.ignoreChanged()) {
            return;
        }
        Integrity integrity = new Integrity(folder.graph(), folder.byId(), config.location());
        List<Problem> problems = integrity.problems(integrity.applied(current, session.log()));
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("Applied migrations do not match their files; nothing was run:");
        problems.forEach(problem -> message.append("\n  ").append(problem));
        message.append("\n  `migrate status` shows every applied revision's state. To run anyway, knowing the files "
                + "differ from what ran: --ignore-changed.");
        throw new DatabaseException(message.toString());
    }

    private Executor executor(Session session, Map<String, Migration> byId) {
        return new Executor(session.connection(), session.dialect(), session.tables(), byId, listener,
                config.arguments());
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

        /** The applied-migrations log; default: the version table's name + {@code _log}. */
        public Builder logTable(String logTable) {
            config.logTable(logTable);
            return this;
        }

        /** Let upgrade and downgrade run although files of applied migrations changed since they ran. */
        public Builder ignoreChanged(boolean ignoreChanged) {
            config.ignoreChanged(ignoreChanged);
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
