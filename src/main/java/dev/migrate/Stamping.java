package dev.migrate;

import dev.migrate.api.MigrationListener;
import dev.migrate.api.StampResult;
import dev.migrate.config.MigrateConfig;
import dev.migrate.db.CommandLock;
import dev.migrate.db.MigrationLog;
import dev.migrate.graph.Planner;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Target;
import dev.migrate.source.Migration;
import dev.migrate.source.SqlMigration;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
            if (dryRun) {
                return marks(graph, List.of(), rows, true, true);
            }
        }
        try (Session session = connections.open()) {
            List<String> unlocked = session.rows();
            if (needsKnownRows) {
                KnownRevisions.require(graph, unlocked, session, config);
            }
            // Refuse before the lock file, the schema or the table exist.
            List<String> planned = planner.stampHeads(parsed, unlocked);
            if (dryRun) {
                return marks(graph, unlocked, planned, true, session.otherTables().isEmpty())
                        .clearing(session.unfinished());
            }
            try (CommandLock lock = session.lock(config.lockTimeout(), listener)) {
                List<String> current = session.rows();
                if (needsKnownRows) {
                    KnownRevisions.require(graph, current, session, config);
                }
                List<String> rows = planner.stampHeads(parsed, current);
                StampResult result = marks(graph, current, rows, false, session.otherTables().isEmpty())
                        .clearing(session.unfinished());
                if (purge) {
                    // A purge starts from nothing: every revision the log still counts as applied outside the new
                    // rows is forgotten, those whose files are gone (or every later command would stop on them as
                    // missing) and those the folder has (the rows it replaced may have hidden them from the plan).
                    result = withForgotten(result, new Integrity(graph, folder.byId(), config.location())
                            .appliedOutside(session.log(), graph.ancestors(rows)));
                }
                session.createTables(config.schema());
                session.executor(folder.byId(), listener, config.arguments()).stamp(rows, result.marked(),
                        result.unmarked(), recordedChecksums(session.log(), result.marked(), folder.byId()));
                return result;
            }
        } catch (SQLException e) {
            throw connections.error(e);
        }
    }

    /**
     * The checksums of what last built each revision a stamp marks applied, as the log records them: the SQL of its
     * last upgrade (or what an accept recorded since), unless a downgrade undid it later. Stamps and unstamps since
     * changed no schema, so a revision stamped away and back (or re-marked by a purge) keeps that checksum, and a file
     * edited after it ran still shows as changed; logging the file's text instead would take it for what ran.
     * Revisions never built here, and those now written in Java (which log no checksum), get none.
     */
    private static Map<String, String> recordedChecksums(List<MigrationLog.Entry> log, List<String> marked,
                                                        Map<String, Migration> byId) {
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
        Map<String, String> recorded = new HashMap<>();
        for (String revision : marked) {
            if (built.containsKey(revision) && byId.get(revision) instanceof SqlMigration) {
                recorded.put(revision, built.get(revision));
            }
        }
        return recorded;
    }

    /** @param noTablesOfItsOwn the database has no tables besides migrate's: a warning if revisions are marked */
    private static StampResult marks(RevisionGraph graph, List<String> before, List<String> after, boolean dryRun,
                                     boolean noTablesOfItsOwn) {
        Planner.StampChanges changes = new Planner(graph).stampChanges(before, after);
        return new StampResult(before, after, changes.marked(), changes.unmarked(), dryRun,
                noTablesOfItsOwn && !changes.marked().isEmpty());
    }

    private static StampResult withForgotten(StampResult result, List<String> missing) {
        List<String> unmarked = new ArrayList<>(result.unmarked());
        missing.stream().filter(id -> !unmarked.contains(id)).forEach(unmarked::add);
        return new StampResult(result.headsBefore(), result.headsAfter(), result.marked(), unmarked, result.dryRun(),
                result.emptySchema(), result.unfinished());
    }
}
