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
    /** Each revision's place in {@link #topological}, in that order (so its keys are the ids in that order). */
    private final Map<String, Integer> position;
    private final List<RevisionNode> topological;
    /** By position: the revisions that name it as a down_revision, or null for none. */
    private final List<String>[] children;
    private final List<String> heads;
    private final List<String> roots;

    // Built with positions and arrays rather than maps of ids: every graph command builds it before anything else,
    // and on 10,000 revisions the maps' lookups, run by the interpreter before the JIT has compiled them, were most
    // of the time between reading the files and the first line of output.
    @SuppressWarnings("unchecked")
    private RevisionGraph(List<RevisionNode> topological) {
        this.topological = List.copyOf(topological);
        int count = topological.size();
        Map<String, Integer> positions = new LinkedHashMap<>(count * 2);
        for (int at = 0; at < count; at++) {
            positions.put(topological.get(at).id(), at);
        }
        List<String>[] kids = new List[count];
        for (RevisionNode revision : topological) {
            for (String parent : revision.downRevisions()) {
                int at = positions.get(parent);
                if (kids[at] == null) {
                    kids[at] = new ArrayList<>(1);
                }
                kids[at].add(revision.id());
            }
        }
        List<String> headIds = new ArrayList<>();
        List<String> rootIds = new ArrayList<>();
        for (int at = 0; at < count; at++) {
            RevisionNode revision = topological.get(at);
            if (kids[at] == null) {
                headIds.add(revision.id());
            }
            if (revision.isRoot()) {
                rootIds.add(revision.id());
            }
        }
        this.position = Collections.unmodifiableMap(positions);
        this.children = kids;
        this.heads = List.copyOf(headIds);
        this.roots = List.copyOf(rootIds);
    }

    /** Builds the graph, or throws with every problem found (plus {@code earlierProblems}, e.g. from parsing). */
    public static RevisionGraph build(Collection<RevisionNode> revisions, List<Problem> earlierProblems) {
        return build(revisions, earlierProblems, Set.of());
    }

    /**
     * {@link #build(Collection, List)}, where {@code unreadable}, with the revisions {@code earlierProblems} name, are
     * the ids of files that could not be read as migrations (a header typo): a reference to one is not called
     * missing, which would send the reader looking for a file that is there.
     */
    public static RevisionGraph build(Collection<RevisionNode> revisions, List<Problem> earlierProblems,
                                      Set<String> unreadable) {
        List<Problem> problems = new ArrayList<>(earlierProblems);
        Set<String> unusable = new HashSet<>(unreadable);
        unusable.addAll(revisionsOf(earlierProblems));
        Map<String, RevisionNode> unique = new LinkedHashMap<>(revisions.size() * 2);
        for (RevisionNode revision : revisions) {
            RevisionNode first = unique.putIfAbsent(revision.id(), revision);
            if (first != null) {
                problems.add(new Problem(revision.location(), revision.revisionLine(), revision.id(),
                        "duplicate revision id: also declared in " + first.location()
                                + (first.revisionLine() > 0 ? ":" + first.revisionLine() : "")
                                + "; give one of the two files a new revision id"));
            }
        }
        checkReferences(unique, unusable, problems);
        checkLabels(unique.values(), problems);
        List<RevisionNode> order = new Ordering(unique).topological(problems);
        if (!problems.isEmpty()) {
            throw new GraphInvalidException(problems);
        }
        return new RevisionGraph(order);
    }

    public static RevisionGraph build(Collection<RevisionNode> revisions) {
        return build(revisions, List.of());
    }

    /** The revisions that problems name. */
    public static Set<String> revisionsOf(List<Problem> problems) {
        Set<String> ids = new HashSet<>();
        for (Problem problem : problems) {
            if (problem.revision() != null) {
                ids.add(problem.revision());
            }
        }
        return ids;
    }

    private static void checkReferences(Map<String, RevisionNode> revisions, Set<String> unreadable,
                                        List<Problem> problems) {
        for (RevisionNode revision : revisions.values()) {
            checkReferenceList(revision, revision.downRevisions(), "down_revision", revisions, unreadable, problems);
            checkReferenceList(revision, revision.dependsOn(), "depends_on", revisions, unreadable, problems);
        }
    }

    private static void checkReferenceList(RevisionNode revision, List<String> references, String key,
                                           Map<String, RevisionNode> revisions, Set<String> unreadable,
                                           List<Problem> problems) {
        if (references.isEmpty()) {
            return;
        }
        int line = key.equals("depends_on") ? revision.dependsOnLine() : revision.downRevisionsLine();
        Set<String> seen = references.size() == 1 ? null : new HashSet<>();
        for (String reference : references) {
            if (seen != null && !seen.add(reference)) {
                problems.add(new Problem(revision.location(), line, revision.id(),
                        key + " lists " + reference + " twice"));
            } else if (reference.equals(revision.id())) {
                problems.add(new Problem(revision.location(), line, revision.id(),
                        key + " names the revision itself"));
            } else if (!revisions.containsKey(reference) && unreadable.contains(reference)) {
                problems.add(new Problem(revision.location(), line, revision.id(), key + " names " + reference
                        + ", whose file is not a valid migration yet (its problems are listed with it): fix that file"));
            } else if (!revisions.containsKey(reference)) {
                // Never the revision itself: it cannot follow itself (the ids of a numbered series are all close).
                List<String> close = Similarity.closest(reference, revisions.keySet().stream()
                        .filter(id -> !id.equals(revision.id())).toList(), 3);
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
     * The topological order: depth-first from each head, parents before children, each revision's parents in the
     * order its down_revision lists them, then its depends_on: so a merge applies its first parent's branch, then the
     * next one's, as its author listed them. Heads are taken in file order, which makes every other tie
     * deterministic. A back edge is a cycle, reported with its path (revisions only reachable from a cycle are
     * visited last, for that). Revisions are numbered in file order and the walk runs on those numbers.
     */
    private static final class Ordering {
        private static final int NEW = 0;
        private static final int ON_PATH = 1;
        private static final int DONE = 2;
        private final RevisionNode[] revisions;
        /** By number: the numbers of the revisions it names, down_revisions then depends_on; -1 for a missing one. */
        private final int[][] parents;
        private final boolean[] namedAsDown;

        Ordering(Map<String, RevisionNode> unique) {
            revisions = unique.values().toArray(new RevisionNode[0]);
            Map<String, Integer> numbers = new HashMap<>(revisions.length * 2);
            for (int i = 0; i < revisions.length; i++) {
                numbers.put(revisions[i].id(), i);
            }
            parents = new int[revisions.length][];
            namedAsDown = new boolean[revisions.length];
            for (int i = 0; i < revisions.length; i++) {
                List<String> down = revisions[i].downRevisions();
                List<String> dependsOn = revisions[i].dependsOn();
                int[] named = new int[down.size() + dependsOn.size()];
                for (int k = 0; k < named.length; k++) {
                    String id = k < down.size() ? down.get(k) : dependsOn.get(k - down.size());
                    Integer number = numbers.get(id);
                    named[k] = number == null ? -1 : number;
                    if (number != null && k < down.size()) {
                        namedAsDown[number] = true;
                    }
                }
                parents[i] = named;
            }
        }

        List<RevisionNode> topological(List<Problem> problems) {
            List<RevisionNode> order = new ArrayList<>(revisions.length);
            int[] state = new int[revisions.length];
            Set<String> reportedCycles = new HashSet<>();
            // The walk's path: revision numbers, and how many of each one's parents have been taken.
            int[] path = new int[revisions.length];
            int[] taken = new int[revisions.length];
            for (int pass = 0; pass < 2; pass++) {
                for (int start = 0; start < revisions.length; start++) {
                    if (state[start] != NEW || (pass == 0 && namedAsDown[start])) {
                        continue;
                    }
                    int depth = 0;
                    path[0] = start;
                    taken[0] = 0;
                    state[start] = ON_PATH;
                    while (depth >= 0) {
                        int at = path[depth];
                        if (taken[depth] == parents[at].length) {
                            state[at] = DONE;
                            order.add(revisions[at]);
                            depth--;
                            continue;
                        }
                        int next = parents[at][taken[depth]++];
                        if (next < 0 || next == at || state[next] == DONE) {
                            continue; // missing and self references are reported by checkReferences
                        }
                        if (state[next] == ON_PATH) {
                            reportCycle(path, depth, next, reportedCycles, problems);
                            continue;
                        }
                        depth++;
                        path[depth] = next;
                        taken[depth] = 0;
                        state[next] = ON_PATH;
                    }
                }
            }
            return order;
        }

        private void reportCycle(int[] path, int depth, int next, Set<String> reported, List<Problem> problems) {
            List<String> cycle = new ArrayList<>();
            boolean inCycle = false;
            for (int i = 0; i <= depth; i++) {
                inCycle |= path[i] == next;
                if (inCycle) {
                    cycle.add(revisions[path[i]].id());
                }
            }
            cycle.add(revisions[next].id());
            if (!reported.add(Set.copyOf(cycle).stream().sorted().collect(Collectors.joining(",")))) {
                return;
            }
            RevisionNode first = revisions[next];
            // The header line that makes the cycle's first step: down_revision, or depends_on.
            String named = cycle.get(1);
            int line = first.downRevisions().contains(named) ? first.downRevisionsLine()
                    : first.dependsOn().contains(named) ? first.dependsOnLine() : 0;
            problems.add(new Problem(first.location(), line, first.id(),
                    "cycle in down_revision/depends_on: " + String.join(" -> ", cycle)
                            + "; each revision must come after the ones it names"));
        }
    }

    public boolean contains(String id) {
        return position.containsKey(id);
    }

    public RevisionNode get(String id) {
        Integer at = position.get(id);
        if (at == null) {
            throw new IllegalArgumentException("no revision " + id);
        }
        return topological.get(at);
    }

    public int size() {
        return topological.size();
    }

    /** Every id, in topological order. */
    public Set<String> ids() {
        return position.keySet();
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
        Integer at = position.get(id);
        List<String> kids = at == null ? null : children[at];
        return kids == null ? List.of() : Collections.unmodifiableList(kids);
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
                Integer at = position.get(id);
                if (at != null) {
                    RevisionNode revision = topological.get(at);
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
        List<String> matches = matching(idOrPrefix, ids());
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty() && labeled(idOrPrefix) != null) {
            throw new dev.migrate.api.UsageException("'" + idOrPrefix + "' is a branch label, not a revision: "
                    + idOrPrefix + "@head names the newest revision on its branch (" + idOrPrefix + "@-1 and "
                    + idOrPrefix + "@<id> work too).");
        }
        if (matches.isEmpty() && idOrPrefix.equals("current")) {
            throw new dev.migrate.api.UsageException("'current' is where the database is already, so it is no "
                    + "target to move to: name a revision, head, or a step such as +1 or -1.");
        }
        if (matches.isEmpty()) {
            List<String> close = Similarity.closest(idOrPrefix, ids(), 3);
            throw new dev.migrate.api.UsageException("No revision matches '" + idOrPrefix + "'"
                    + (close.isEmpty() ? "." : "; closest existing ids: " + String.join(", ", close) + ".")
                    + " Run `migrate history` to list the revisions.");
        }
        throw new dev.migrate.api.UsageException("Revision prefix '" + idOrPrefix + "' is ambiguous; it matches "
                + String.join(", ", matches) + ". Give more characters of the id.");
    }

    /**
     * What {@code idOrPrefix} names among {@code ids}: itself when it is one of them (an id wins over the longer ids
     * it begins), else every id it is a prefix of, sorted. One match resolves; none or several are the caller's to
     * explain.
     */
    public static List<String> matching(String idOrPrefix, Collection<String> ids) {
        if (ids.contains(idOrPrefix)) {
            return List.of(idOrPrefix);
        }
        return ids.stream().filter(id -> id.startsWith(idOrPrefix)).sorted().toList();
    }
}
