package dev.migrate;

import dev.migrate.graph.Planner;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Step;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A migrations folder loaded and validated once, for running it against many databases (a fleet): each
 * {@link Migrator#forTarget} reuses it instead of reading the folder again, and plans are made once per distinct
 * starting revision and shared, since a plan is a pure function of the graph, the command and the version table's
 * rows. Memory grows with the number of distinct starting points, never with the number of databases. Thread-safe.
 */
public final class PreparedMigrations {
    private final Migrations.Loaded loaded;
    private final Planner planner;
    private final Map<String, List<Step>> plans = new ConcurrentHashMap<>();
    private final Map<List<String>, List<String>> pending = new ConcurrentHashMap<>();

    PreparedMigrations(Migrations.Loaded loaded) {
        this.loaded = loaded;
        this.planner = new Planner(loaded.graph());
    }

    Migrations.Loaded loaded() {
        return loaded;
    }

    RevisionGraph graph() {
        return loaded.graph();
    }

    /** The folder's heads. */
    public List<String> heads() {
        return loaded.graph().heads();
    }

    /** How many revisions the folder has. */
    public int size() {
        return loaded.graph().size();
    }

    /** How many plans were made so far: one per command and distinct starting revision, however many databases. */
    public int plansMade() {
        return plans.size() + pending.size();
    }

    /**
     * The upgrade to every head from {@code rows} (ids the folder has), as revision ids in the order they would run.
     */
    public List<String> pending(List<String> rows) {
        return pending.computeIfAbsent(List.copyOf(rows), current -> planner.upgrade(current, heads()).stream()
                .map(step -> step.revision().id()).toList());
    }

    /** The plan of {@code command} from {@code rows}, made once; a plan that throws is not kept. */
    List<Step> plan(String command, List<String> rows, Supplier<List<Step>> make) {
        return plans.computeIfAbsent(command + "\u0000" + String.join(",", rows), key -> make.get());
    }
}
