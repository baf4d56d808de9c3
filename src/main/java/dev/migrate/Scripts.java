package dev.migrate;

import dev.migrate.api.ScriptResult;
import dev.migrate.api.UsageException;
import dev.migrate.config.MigrateConfig;
import dev.migrate.db.Dialect;
import dev.migrate.db.MigrationLog;
import dev.migrate.db.MigrationTables;
import dev.migrate.graph.Planner;
import dev.migrate.graph.RevisionNode;
import dev.migrate.graph.RevisionRange;
import dev.migrate.graph.Step;
import dev.migrate.graph.Target;
import dev.migrate.offline.ScriptRenderer;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Offline scripts: a command's plan made from given start and end revisions instead of a database's, checked in full
 * (range, targets, the statements' problems, placeholders) before the first line is written to the output.
 */
final class Scripts {
    private final MigrateConfig config;
    private final Migrations.Loaded loaded;
    private final Dialect dialect;

    Scripts(MigrateConfig config, Migrations.Loaded loaded, Dialect dialect) {
        this.config = config;
        this.loaded = loaded;
        this.dialect = dialect;
    }

    /** @param current the database's rows, for a range that starts at {@code current} */
    ScriptResult upgrade(String range, List<String> current, Appendable out) {
        return script("upgrade", range, "base", current, out);
    }

    /** @param current the database's rows, for a range that starts at {@code current} */
    ScriptResult downgrade(String range, List<String> current, Appendable out) {
        if (!RevisionRange.parse(range).separated()) {
            throw new UsageException("downgrade --sql needs FROM:TO, where to start and where to end (for example "
                    + "head:base, or current:" + range + " to start where the --url database is now): a script is "
                    + "written without reading a database unless told to start from its current revision.");
        }
        return script("downgrade", range, null, current, out);
    }

    ScriptResult stamp(List<String> targets, Appendable out) {
        Planner planner = new Planner(loaded.graph());
        List<String> rows = planner.stampHeads(targets.stream().map(Target::parse).toList(), List.of());
        return renderer().renderStamp("stamp " + String.join(" ", targets), rows,
                planner.stampChanges(List.of(), rows), out);
    }

    private ScriptResult script(String direction, String range, String defaultStart, List<String> current,
                                Appendable out) {
        RevisionRange parsed = RevisionRange.parse(range);
        String start = parsed.separated() ? parsed.start() : defaultStart;
        String end = parsed.end();
        List<String> from = start.equals("current") ? current
                : Target.parse(start.isEmpty() ? "base" : start).resolve(loaded.graph(), List.of());
        Target endTarget = Target.parse(end.isEmpty() ? "head" : end);
        List<String> to = endTarget.resolve(loaded.graph(), from);
        Planner planner = new Planner(loaded.graph());
        List<Step> steps = direction.equals("upgrade") ? planner.upgrade(from, to)
                : planner.downgrade(from, to, endTarget.branchLine(loaded.graph()));
        new RunChecks(config, loaded).statementsReady(steps, dialect);
        String title = direction + " " + (start.isEmpty() ? "base" : start) + ":" + end;
        if (direction.equals("upgrade")) {
            return renderer().renderUpgrade(title, steps, from, rowsAllowedBeside(from, steps), out);
        }
        // A downgrade's first migration needs its own row present, which a second application no longer finds.
        return renderer().render(title, steps, out);
    }

    /**
     * The rows a database may hold where an upgrade script starts: {@code from}, and revisions of other branches;
     * not the script's revisions, those after them (along down_revision or depends_on), nor those below
     * {@code from} (a row and one after it cannot both be rows).
     */
    private List<String> rowsAllowedBeside(List<String> from, List<Step> steps) {
        Set<String> excluded = new HashSet<>();
        steps.forEach(step -> excluded.add(step.revision().id()));
        for (RevisionNode revision : loaded.graph().topological()) {
            if (revision.downRevisions().stream().anyMatch(excluded::contains)
                    || revision.dependsOn().stream().anyMatch(excluded::contains)) {
                excluded.add(revision.id());
            }
        }
        Set<String> below = new HashSet<>(loaded.graph().downAncestors(from));
        from.forEach(below::remove);
        excluded.addAll(below);
        return loaded.graph().topological().stream().map(RevisionNode::id).filter(id -> !excluded.contains(id))
                .toList();
    }

    private ScriptRenderer renderer() {
        return new ScriptRenderer(dialect, MigrationTables.of(dialect, config.schema(), config.versionTable(),
                config.logTable()), MigrationLog.Runner.renderingScript(), config.schema(), loaded.byId(),
                config.arguments());
    }
}
