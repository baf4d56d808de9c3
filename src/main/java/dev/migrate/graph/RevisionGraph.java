package dev.migrate.graph;

import dev.migrate.text.Similarity;
import dev.migrate.api.GraphInvalidException;
import dev.migrate.api.Problem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The validated, immutable DAG of revisions. Pure: it knows nothing of files or databases.
 * Edges run from a revision to its down_revisions (its parents) and to its depends_on revisions.
 */
public final class RevisionGraph {
    private final Map<String, RevisionNode> byId;
    private final List<RevisionNode> topological;
    private final Map<String, Integer> position;
    private final Map<String, List<String>> children;
    private final List<String> heads;
    private final List<String> roots;

    private RevisionGraph(List<RevisionNode> topological) {
        this.topological = List.copyOf(topological);
        Map<String, RevisionNode> ids = new LinkedHashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        Map<String, List<String>> kids = new HashMap<>();
        for (RevisionNode revision : topological) {
            positions.put(revision.id(), ids.size());
            ids.put(revision.id(), revision);
            kids.put(revision.id(), new ArrayList<>());
        }
        for (RevisionNode revision : topological) {
            for (String parent : revision.downRevisions()) {
                kids.get(parent).add(revision.id());
            }
        }
        kids.replaceAll((id, list) -> List.copyOf(list));
        this.byId = Collections.unmodifiableMap(ids);
        this.position = positions;
        this.children = kids;
        this.heads = topological.stream().map(RevisionNode::id).filter(id -> kids.get(id).isEmpty()).toList();
        this.roots = topological.stream().filter(RevisionNode::isRoot).map(RevisionNode::id).toList();
    }

    /** Builds the graph, or throws with every problem found (plus {@code earlierProblems}, e.g. from parsing). */
    public static RevisionGraph build(Collection<RevisionNode> revisions, List<Problem> earlierProblems) {
        List<Problem> problems = new ArrayList<>(earlierProblems);
        Map<String, RevisionNode> unique = new LinkedHashMap<>();
        for (RevisionNode revision : revisions) {
            RevisionNode first = unique.putIfAbsent(revision.id(), revision);
            if (first != null) {
                problems.add(new Problem(revision.location(), revision.revisionLine(), revision.id(),
                        "duplicate revision id: also declared in " + first.location()
                                + (first.revisionLine() > 0 ? ":" + first.revisionLine() : "")
                                + "; give one of the two files a new revision id"));
            }
        }
        checkReferences(unique, problems);
        checkLabels(unique.values(), problems);
        List<RevisionNode> order = topologicalOrder(unique, problems);
        if (!problems.isEmpty()) {
            throw new GraphInvalidException(problems);
        }
        return new RevisionGraph(order);
    }

    public static RevisionGraph build(Collection<RevisionNode> revisions) {
        return build(revisions, List.of());
    }

    private static void checkReferences(Map<String, RevisionNode> revisions, List<Problem> problems) {
        for (RevisionNode revision : revisions.values()) {
            checkReferenceList(revision, revision.downRevisions(), "down_revision", revisions, problems);
            checkReferenceList(revision, revision.dependsOn(), "depends_on", revisions, problems);
        }
    }

    private static void checkReferenceList(RevisionNode revision, List<String> references, String key,
                                           Map<String, RevisionNode> revisions, List<Problem> problems) {
        int line = key.equals("depends_on") ? revision.dependsOnLine() : revision.downRevisionsLine();
        Set<String> seen = new HashSet<>();
        for (String reference : references) {
            if (!seen.add(reference)) {
                problems.add(new Problem(revision.location(), line, revision.id(),
                        key + " lists " + reference + " twice"));
            } else if (reference.equals(revision.id())) {
                problems.add(new Problem(revision.location(), line, revision.id(),
                        key + " names the revision itself"));
            } else if (!revisions.containsKey(reference)) {
                List<String> close = Similarity.closest(reference, revisions.keySet(), 3);
                problems.add(new Problem(revision.location(), line, revision.id(),
                        key + " names " + reference + ", which is not a revision in this folder"
                                + (close.isEmpty() ? "" : "; closest existing ids: " + String.join(", ", close))));
            }
        }
    }

    private static void checkLabels(Collection<RevisionNode> revisions, List<Problem> problems) {
        Map<String, RevisionNode> owners = new HashMap<>();
        for (RevisionNode revision : revisions) {
            for (String label : revision.branchLabels()) {
                RevisionNode owner = owners.putIfAbsent(label, revision);
                if (owner != null) {
                    problems.add(new Problem(revision.location(), 0, revision.id(),
                            "branch label '" + label + "' is already used by revision " + owner.id()));
                }
            }
        }
    }

    /**
     * Depth-first from each head, parents before children, each revision's parents in the order its down_revision
     * lists them, then its depends_on: so a merge applies its first parent's branch, then the next one's, as its
     * author listed them. Heads are taken in file order, which makes every other tie deterministic. A back edge is a
     * cycle, reported with its path (revisions only reachable from a cycle are visited last, for that).
     */
    private static List<RevisionNode> topologicalOrder(Map<String, RevisionNode> revisions, List<Problem> problems) {
        List<RevisionNode> order = new ArrayList<>(revisions.size());
        Set<String> done = new HashSet<>();
        Set<String> reportedCycles = new HashSet<>();
        Set<String> parents = new HashSet<>();
        for (RevisionNode revision : revisions.values()) {
            parents.addAll(revision.downRevisions());
        }
        List<RevisionNode> starts = new ArrayList<>(revisions.size() * 2);
        revisions.values().stream().filter(revision -> !parents.contains(revision.id())).forEach(starts::add);
        starts.addAll(revisions.values());
        for (RevisionNode start : starts) {
            if (done.contains(start.id())) {
                continue;
            }
            // Iterative DFS: migration chains of thousands of revisions would overflow a recursive one.
            Deque<Frame> stack = new ArrayDeque<>();
            LinkedHashSet<String> path = new LinkedHashSet<>();
            stack.push(new Frame(start));
            path.add(start.id());
            while (!stack.isEmpty()) {
                Frame frame = stack.peek();
                String next = frame.nextParent();
                if (next == null) {
                    stack.pop();
                    path.remove(frame.revision.id());
                    done.add(frame.revision.id());
                    order.add(frame.revision);
                    continue;
                }
                RevisionNode parent = revisions.get(next);
                if (parent == null || done.contains(next) || next.equals(frame.revision.id())) {
                    continue; // missing and self references are reported by checkReferences
                }
                if (path.contains(next)) {
                    List<String> cycle = new ArrayList<>();
                    boolean inCycle = false;
                    for (String id : path) {
                        inCycle |= id.equals(next);
                        if (inCycle) {
                            cycle.add(id);
                        }
                    }
                    cycle.add(next);
                    if (reportedCycles.add(Set.copyOf(cycle).stream().sorted().collect(Collectors.joining(",")))) {
                        RevisionNode first = revisions.get(cycle.get(0));
                        // The header line that makes the cycle's first step: down_revision, or depends_on.
                        String named = cycle.get(1);
                        int line = first.downRevisions().contains(named) ? first.downRevisionsLine()
                                : first.dependsOn().contains(named) ? first.dependsOnLine() : 0;
                        problems.add(new Problem(first.location(), line, first.id(),
                                "cycle in down_revision/depends_on: " + String.join(" -> ", cycle)
                                        + "; each revision must come after the ones it names"));
                    }
                    continue;
                }
                stack.push(new Frame(parent));
                path.add(next);
            }
        }
        return order;
    }

    private static final class Frame {
        final RevisionNode revision;
        int index;

        Frame(RevisionNode revision) {
            this.revision = revision;
        }

        String nextParent() {
            int downs = revision.downRevisions().size();
            if (index < downs) {
                return revision.downRevisions().get(index++);
            }
            if (index < downs + revision.dependsOn().size()) {
                return revision.dependsOn().get(index++ - downs);
            }
            return null;
        }
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    public RevisionNode get(String id) {
        RevisionNode revision = byId.get(id);
        if (revision == null) {
            throw new IllegalArgumentException("no revision " + id);
        }
        return revision;
    }

    public int size() {
        return byId.size();
    }

    public Set<String> ids() {
        return byId.keySet();
    }

    /** Every revision, each after its down_revisions and depends_on. */
    public List<RevisionNode> topological() {
        return topological;
    }

    /** Revisions nothing else names as down_revision, in topological order. */
    public List<String> heads() {
        return heads;
    }

    public List<String> roots() {
        return roots;
    }

    /** The revisions that name {@code id} as a down_revision. */
    public List<String> children(String id) {
        return children.getOrDefault(id, List.of());
    }

    public boolean isHead(String id) {
        return contains(id) && children(id).isEmpty();
    }

    public boolean isBranchPoint(String id) {
        return children(id).size() > 1;
    }

    /** The revisions in {@code ids} and everything they need: down_revisions and depends_on, transitively. */
    public Set<String> ancestors(Collection<String> ids) {
        return closure(ids, true);
    }

    /** Like {@link #ancestors} but along down_revision edges only: the rows of the version table follow these. */
    public Set<String> downAncestors(Collection<String> ids) {
        return closure(ids, false);
    }

    private Set<String> closure(Collection<String> ids, boolean withDependencies) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(ids);
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (seen.add(id)) {
                RevisionNode revision = byId.get(id);
                if (revision != null) {
                    todo.addAll(revision.downRevisions());
                    if (withDependencies) {
                        todo.addAll(revision.dependsOn());
                    }
                }
            }
        }
        return seen;
    }

    /** The revision carrying a branch label, or null. */
    public String labeled(String label) {
        for (RevisionNode revision : topological) {
            if (revision.branchLabels().contains(label)) {
                return revision.id();
            }
        }
        return null;
    }

    /** Every branch label in the graph. */
    public List<String> labels() {
        return topological.stream().flatMap(revision -> revision.branchLabels().stream()).sorted().toList();
    }

    /** {@code id} and every revision after it along down_revision edges. */
    public Set<String> descendants(String id) {
        return descendants(List.of(id));
    }

    /** {@code ids} and every revision after them along down_revision edges. */
    public Set<String> descendants(Collection<String> ids) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(ids);
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(children(next));
            }
        }
        return seen;
    }

    /**
     * The revisions from {@code start} up to {@code end}, both included: descendants of the start rows that the end
     * rows need. A null side is open; an empty start is base (everything).
     */
    public Set<String> between(Collection<String> start, Collection<String> end) {
        Set<String> shown = new HashSet<>(ids());
        if (end != null) {
            shown.retainAll(ancestors(end));
        }
        if (start != null && !start.isEmpty()) {
            shown.retainAll(descendants(start));
        }
        return shown;
    }

    /** Orders ids as they appear in {@link #topological()}. */
    public List<String> inTopologicalOrder(Collection<String> ids) {
        return ids.stream().sorted((a, b) -> Integer.compare(position(a), position(b))).toList();
    }

    private int position(String id) {
        Integer at = position.get(id);
        return at == null ? Integer.MAX_VALUE : at;
    }

    /**
     * Resolves a full id or a unique prefix of one.
     *
     * @throws dev.migrate.api.UsageException when nothing or more than one revision matches
     */
    public String resolveId(String idOrPrefix) {
        if (byId.containsKey(idOrPrefix)) {
            return idOrPrefix;
        }
        List<String> matches = byId.keySet().stream().filter(id -> id.startsWith(idOrPrefix)).sorted().toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            List<String> close = Similarity.closest(idOrPrefix, byId.keySet(), 3);
            throw new dev.migrate.api.UsageException("No revision matches '" + idOrPrefix + "'"
                    + (close.isEmpty() ? "." : "; closest existing ids: " + String.join(", ", close) + ".")
                    + " Run `migrate history` to list the revisions.");
        }
        throw new dev.migrate.api.UsageException("Revision prefix '" + idOrPrefix + "' is ambiguous; it matches "
                + String.join(", ", matches) + ". Give more characters of the id.");
    }
}
