package dev.migrate.graph;

import dev.migrate.api.UsageException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Plans the steps between the database's current heads and a target, computing each step's version-table change as
 * a pure function of (heads before, step). Version-table semantics follow Alembic: one row per applied head; an
 * upgrade whose down_revision is a row replaces it (a merge replaces several), one from a branch point adds a row.
 */
public final class Planner {
    private final RevisionGraph graph;

    public Planner(RevisionGraph graph) {
        this.graph = graph;
    }

    /** The steps that apply everything {@code target} needs and the database does not have yet, parents first. */
    public List<Step> upgrade(Collection<String> current, Collection<String> target) {
        Set<String> applied = graph.ancestors(current);
        Set<String> wanted = graph.ancestors(target);
        Set<String> heads = new LinkedHashSet<>(current);
        List<Step> steps = new ArrayList<>();
        for (RevisionNode revision : graph.topological()) {
            if (!wanted.contains(revision.id()) || applied.contains(revision.id())) {
                continue;
            }
            List<String> removed = revision.downRevisions().stream().filter(heads::contains).toList();
            VersionChange change = new VersionChange(removed, List.of(revision.id()));
            steps.add(new Step(Direction.UPGRADE, revision, List.copyOf(heads), change));
            heads.removeAll(removed);
            heads.add(revision.id());
        }
        return steps;
    }

    /**
     * The steps that undo everything applied that {@code target} does not need, children first.
     *
     * @throws UsageException when the target is not applied (it lies above the database), or a step is irreversible
     */
    public List<Step> downgrade(Collection<String> current, Collection<String> target) {
        return downgrade(current, target, null);
    }

    /**
     * {@link #downgrade(Collection, Collection)} for a branch-qualified target (billing@-1), as Alembic's: only the
     * applied revisions after {@code target} on {@code branchLine} (the branch's revisions, see
     * {@link Target#branchLine}) and their descendants are undone, and any revision that depends_on one of them;
     * other branches stay applied, even where they share the trunk below. Null {@code branchLine}: the plain rule.
     */
    public List<Step> downgrade(Collection<String> current, Collection<String> target, Set<String> branchLine) {
        Set<String> applied = graph.ancestors(current);
        for (String id : target) {
            if (!applied.contains(id)) {
                throw new UsageException("Cannot downgrade to " + id + ": it is not applied (the database is at "
                        + rowsText(current) + "). Use `migrate upgrade " + id + "` to move up.");
            }
        }
        Set<String> keep = graph.ancestors(target);
        if (branchLine != null) {
            // The first revisions after the target on the branch's line (its roots there, from base).
            List<String> starts = (target.isEmpty() ? graph.roots()
                    : target.stream().flatMap(id -> graph.children(id).stream()).toList())
                    .stream().filter(branchLine::contains).toList();
            Set<String> above = graph.descendants(starts);
            applied.stream().filter(id -> !above.contains(id)).forEach(keep::add);
            // ...except one that needs a revision being undone (depends_on across branches): it goes first.
            for (RevisionNode revision : graph.topological()) {
                if (keep.contains(revision.id()) && Stream.concat(revision.downRevisions().stream(),
                        revision.dependsOn().stream()).anyMatch(needed -> applied.contains(needed)
                        && !keep.contains(needed))) {
                    keep.remove(revision.id());
                }
            }
        }
        List<RevisionNode> undo = new ArrayList<>();
        List<RevisionNode> order = graph.topological();
        for (int i = order.size() - 1; i >= 0; i--) {
            RevisionNode revision = order.get(i);
            if (applied.contains(revision.id()) && !keep.contains(revision.id())) {
                undo.add(revision);
            }
        }
        List<String> irreversible = undo.stream().filter(r -> !r.reversible()).map(RevisionNode::id).toList();
        if (!irreversible.isEmpty()) {
            throw new UsageException("Cannot downgrade: " + String.join(", ", irreversible)
                    + (irreversible.size() == 1 ? " has" : " have") + " no downgrade section (-- migrate:downgrade), "
                    + "so " + (irreversible.size() == 1 ? "it" : "they") + " cannot be undone. Nothing was run. "
                    + "Add a downgrade section, or choose a target above " + irreversible.get(irreversible.size() - 1)
                    + ".");
        }
        Set<String> heads = new LinkedHashSet<>(current);
        List<Step> steps = new ArrayList<>();
        for (RevisionNode revision : undo) {
            Set<String> remaining = new LinkedHashSet<>(heads);
            remaining.remove(revision.id());
            List<String> added = rowsToAdd(revision, remaining);
            steps.add(new Step(Direction.DOWNGRADE, revision, List.copyOf(heads),
                    new VersionChange(List.of(revision.id()), added)));
            heads = remaining;
            heads.addAll(added);
        }
        return steps;
    }

    /**
     * The parents a downgrade of {@code revision} puts back into the version table: those that no remaining row
     * already includes, and that are not an ancestor of another parent put back (a row never names an ancestor of
     * another row, as in Alembic; a merge whose parents are nested writes only the outer ones).
     */
    private List<String> rowsToAdd(RevisionNode revision, Set<String> remaining) {
        if (remaining.isEmpty()) {
            // The usual case, a chain undone from its one head: nothing remains to cover a parent. Skipping the walk
            // keeps `downgrade base` linear in the number of revisions.
            return withoutAncestors(revision.downRevisions());
        }
        Set<String> covered = graph.downAncestors(remaining);
        return withoutAncestors(revision.downRevisions().stream().filter(id -> !covered.contains(id)).toList());
    }

    /** The rows a stamp to {@code target} writes: the target reduced to revisions no other target row descends from. */
    public List<String> stampHeads(Collection<String> target) {
        return graph.inTopologicalOrder(withoutAncestors(target));
    }

    /** The rows a stamp to several targets writes: what they resolve to from {@code current}, together. */
    public List<String> stampHeads(List<Target> targets, List<String> current) {
        Set<String> named = new LinkedHashSet<>();
        targets.forEach(target -> named.addAll(target.resolve(graph, current)));
        return stampHeads(named);
    }

    /**
     * What a stamp from {@code before} to {@code after} changes without running anything: the revisions it marks
     * applied (in upgrade order) and those it marks not applied (newest first; rows the graph does not know first).
     */
    public record StampChanges(List<String> marked, List<String> unmarked) {
        public StampChanges {
            marked = List.copyOf(marked);
            unmarked = List.copyOf(unmarked);
        }
    }

    public StampChanges stampChanges(Collection<String> before, Collection<String> after) {
        return stampChanges(before, after, Set.of());
    }

    /**
     * Like {@link #stampChanges(Collection, Collection)}, with {@code alsoApplied}: revisions applied besides the
     * ancestors of {@code before}'s known rows (when a row is a revision the graph lacks, the log says which of the
     * graph's revisions were applied), so a stamp does not mark them applied again.
     */
    public StampChanges stampChanges(Collection<String> before, Collection<String> after, Set<String> alsoApplied) {
        Set<String> was = new HashSet<>(graph.ancestors(before.stream().filter(graph::contains).toList()));
        alsoApplied.stream().filter(graph::contains).forEach(was::add);
        Set<String> will = graph.ancestors(after);
        List<String> marked = new ArrayList<>();
        List<String> unmarked = new ArrayList<>(before.stream().filter(id -> !graph.contains(id)).toList());
        List<RevisionNode> order = graph.topological();
        for (RevisionNode revision : order) {
            if (will.contains(revision.id()) && !was.contains(revision.id())) {
                marked.add(revision.id());
            }
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            String id = order.get(i).id();
            if (was.contains(id) && !will.contains(id)) {
                unmarked.add(id);
            }
        }
        return new StampChanges(marked, unmarked);
    }

    /** {@code ids} without those that are an ancestor (along down_revision) of another of them, in their order. */
    private List<String> withoutAncestors(Collection<String> ids) {
        if (ids.size() < 2) {
            return List.copyOf(ids); // one id is never an ancestor of another (and walking its ancestry is O(n))
        }
        Set<String> below = new HashSet<>();
        for (String id : ids) {
            Set<String> ancestors = new HashSet<>(graph.downAncestors(List.of(id)));
            ancestors.remove(id);
            below.addAll(ancestors);
        }
        return ids.stream().distinct().filter(id -> !below.contains(id)).toList();
    }

    private static String rowsText(Collection<String> heads) {
        return heads.isEmpty() ? "base" : String.join(", ", heads);
    }
}
