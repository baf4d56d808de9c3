package dev.migrate;

import dev.migrate.api.MigrationListener;
import dev.migrate.api.StampResult;
import dev.migrate.config.MigrateConfig;
import dev.migrate.db.CommandLock;
import dev.migrate.db.MigrationLog;
import dev.migrate.graph.Planner;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code stamp}: the version table set without running migrations, as an operator's repair. Like a run it refuses
 * before writing anything and plans again under the lock; it logs every revision it marks, and clears the records
 * of unfinished {@code transaction: false} migrations.
 */
final class Stamping {
    private final MigrateConfig config;
    private final Migrations migrations;
    private final Connections connections;
    private final MigrationListener listener;

    Stamping(MigrateConfig config, Migrations migrations, Connections connections, MigrationListener listener) {
        this.config = config;
        this.migrations = migrations;
        this.connections = connections;
        this.listener = listener;
    }

    /**
     * Like {@code Migrator.stamp(String, boolean)}, and says which revisions the stamp marks applied or not applied
     * without running them (each is logged as a stamp); with {@code dryRun} it only says so and writes nothing.
     */
    StampResult stamp(List<String> targets, boolean purge, boolean dryRun) {
        // Several targets name several rows: the heads of branches not merged yet, as a failed run's advice may say.
        List<Target> parsed = targets.stream().map(Target::parse).toList();
        Migrations.Loaded folder = migrations.load();
        RevisionGraph graph = folder.graph();
        Planner planner = new Planner(graph);
        // Without --purge (or with a target relative to the rows), every row must be one the folder has.
        boolean needsKnownRows = !purge || parsed.stream().anyMatch(Target::isRelativeToCurrent);
        if (!connections.databaseExists()) {
            List<String> rows = planner.stampHeads(parsed, List.of()); // a refusal must not create the database
            if (dryRun || rows.isEmpty()) {
                // Nor a stamp of base where there is no database: base it is already, and nothing is written.
                return marks(graph, List.of(), rows, dryRun, true, List.of());
            }
        }
        try (Session session = connections.open()) {
            List<String> unlocked = session.rows();
            if (needsKnownRows) {
                KnownRevisions.require(graph, unlocked, session, config);
            }
            // Refuse before the lock file, the schema or the table exist.
            List<String> planned = planner.stampHeads(parsed, unlocked);
            Integrity integrity = new Integrity(graph, folder.byId(), config.location());
            if (dryRun) {
                return changes(graph, integrity, session, session.log(), unlocked, planned, purge, true);
            }
            try (CommandLock lock = session.lock(config.lockTimeout(), listener)) {
                List<String> current = session.rows();
                if (needsKnownRows) {
                    KnownRevisions.require(graph, current, session, config);
                }
                List<String> rows = planner.stampHeads(parsed, current);
                List<MigrationLog.Entry> log = session.log();
                StampResult result = changes(graph, integrity, session, log, current, rows, purge, false);
                session.createTables(config.schema());
                session.executor(folder.byId(), listener, config.arguments()).stamp(rows, result.marked(),
                        result.unmarked(), integrity.builtChecksums(log, result.marked()));
                return result;
            }
        } catch (SQLException e) {
            throw connections.error(e);
        }
    }

    /** What stamping from {@code before} to {@code after} changes, the same for a dry run and the stamp itself. */
    private static StampResult changes(RevisionGraph graph, Integrity integrity, Session session,
                                       List<MigrationLog.Entry> log, List<String> before, List<String> after,
                                       boolean purge, boolean dryRun) throws SQLException {
        StampResult result = marks(graph, before, after, dryRun, session.otherTables().isEmpty(), log)
                .clearing(session.unfinished());
        if (purge) {
            // A purge starts from nothing: every revision the log still counts as applied outside the new rows is
            // forgotten, those whose files are gone (or every later command would stop on them as missing) and
            // those the folder has (the rows it replaced may have hidden them from the plan).
            result = withForgotten(result, integrity.appliedOutside(log, graph.ancestors(after)));
        }
        return result;
    }

    /**
     * @param noTablesOfItsOwn the database has no tables besides migrate's: a warning if the stamp leaves the table
     *                         claiming revisions it did not vouch for before (marked, or replacing an unknown row)
     * @param log              when a row is a revision the folder lacks, the graph cannot say which revisions it
     *                         stood for: those the log counts as applied are not marked applied again
     */
    private static StampResult marks(RevisionGraph graph, List<String> before, List<String> after, boolean dryRun,
                                     boolean noTablesOfItsOwn, List<MigrationLog.Entry> log) {
        boolean unknownBefore = !before.stream().allMatch(graph::contains);
        Set<String> alsoApplied = unknownBefore ? Integrity.loggedApplied(log) : Set.of();
        Planner.StampChanges changes = new Planner(graph).stampChanges(before, after, alsoApplied);
        boolean claims = !changes.marked().isEmpty() || !after.isEmpty() && unknownBefore;
        return new StampResult(before, after, changes.marked(), changes.unmarked(), dryRun, noTablesOfItsOwn && claims);
    }

    private static StampResult withForgotten(StampResult result, List<String> missing) {
        List<String> unmarked = new ArrayList<>(result.unmarked());
        missing.stream().filter(id -> !unmarked.contains(id)).forEach(unmarked::add);
        return new StampResult(result.headsBefore(), result.headsAfter(), result.marked(), unmarked, result.dryRun(),
                result.emptySchema(), result.unfinished());
    }
}
