package dev.migrate.graph;

import dev.migrate.api.UsageException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A revision as a user names it on the command line, parsed once and resolved against a graph and the database's
 * current heads: {@code head}, {@code heads}, {@code base}, an id or unique prefix, {@code +N}/{@code -N} from the
 * current revision, {@code <id>+N}/{@code <id>-N} (also {@code head-N}), and on a labelled branch
 * {@code label@head}, {@code label@+N}, {@code label@-N}, {@code label@<id>}.
 */
public final class Target {
    private static final Pattern RELATIVE = Pattern.compile("([A-Za-z0-9_]*)([+-])(\\d+)");

    private enum Kind { HEAD, HEADS, BASE, REVISION }

    private final String text;
    private final Kind kind;
    private final String reference; // id or prefix for REVISION, null for the current revision
    private final int offset;
    private final String branch; // the label of label@target, else null

    private Target(String text, Kind kind, String reference, int offset, String branch) {
        this.text = text;
        this.kind = kind;
        this.reference = reference;
        this.offset = offset;
        this.branch = branch;
    }

    private Target(String text, Kind kind, String reference, int offset) {
        this(text, kind, reference, offset, null);
    }

    public static Target parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int at = trimmed.indexOf('@');
        if (at > 0) {
            String label = trimmed.substring(0, at);
            if (!RevisionNode.isValidId(label)) {
                throw new UsageException("'" + trimmed + "': '" + label + "' is not a branch label.");
            }
            Target inner = parse(trimmed.substring(at + 1));
            if (inner.kind == Kind.HEADS || inner.kind == Kind.BASE) {
                throw new UsageException("'" + trimmed + "': use " + label + "@head, " + label + "@+N, " + label
                        + "@-N or " + label + "@<id>.");
            }
            return new Target(trimmed, inner.kind, inner.reference, inner.offset, label);
        }
        Matcher relative = RELATIVE.matcher(trimmed);
        if (relative.matches()) {
            int steps;
            try {
                steps = Integer.parseInt(relative.group(3));
            } catch (NumberFormatException tooMany) {
                throw new UsageException("'" + trimmed + "' counts " + relative.group(3) + " steps; no migration "
                        + "folder has that many revisions. Name a revision, or count fewer steps.");
            }
            int offset = relative.group(2).equals("+") ? steps : -steps;
            String base = relative.group(1);
            if (base.equals("heads") || base.equals("base")) {
                throw new UsageException("'" + trimmed + "': relative steps need one starting revision, not '"
                        + base + "'. Use +N/-N from the current revision, or <id>+N / <id>-N.");
            }
            return new Target(trimmed, base.equals("head") ? Kind.HEAD : Kind.REVISION,
                    base.isEmpty() || base.equals("head") ? null : base, offset);
        }
        switch (trimmed) {
            case "head":
                return new Target(trimmed, Kind.HEAD, null, 0);
            case "heads":
                return new Target(trimmed, Kind.HEADS, null, 0);
            case "base":
                return new Target(trimmed, Kind.BASE, null, 0);
            default:
                if (!RevisionNode.isValidId(trimmed) && trimmed.length() > RevisionNode.MAX_ID_LENGTH
                        && RevisionNode.isValidId(trimmed.substring(0, RevisionNode.MAX_ID_LENGTH))) {
                    throw new UsageException("'" + text + "' is " + trimmed.length() + " characters long; a revision "
                            + "id has at most " + RevisionNode.MAX_ID_LENGTH + ", so no revision can match it.");
                }
                if (!RevisionNode.isValidId(trimmed)) {
                    throw new UsageException("'" + text + "' is not a revision target. Use head, heads, base, "
                            + "a revision id or unique prefix, +N, -N, <id>+N or <id>-N.");
                }
                return new Target(trimmed, Kind.REVISION, trimmed, 0);
        }
    }

    /** True for {@code base}, which names no revision. */
    public boolean isBase() {
        return kind == Kind.BASE && branch == null;
    }

    /**
     * The revisions of the labelled branch's line (the labelled revision, those below it and those after it), or
     * null for a target on no branch.
     */
    public Set<String> branchLine(RevisionGraph graph) {
        if (branch == null) {
            return null;
        }
        String labeled = graph.labeled(branch);
        return labeled == null ? null : line(graph, labeled);
    }

    /** The labelled revision, those after it and those below it. */
    private static Set<String> line(RevisionGraph graph, String labeled) {
        Set<String> members = new HashSet<>(graph.descendants(labeled));
        members.addAll(graph.downAncestors(List.of(labeled)));
        return members;
    }

    /** True for {@code +N}/{@code -N} (also {@code label@+N}), which need the database's current revision. */
    public boolean isRelativeToCurrent() {
        return kind == Kind.REVISION && reference == null;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * The version-table rows the target stands for: empty for base, one id mostly, every head for {@code heads}.
     *
     * @param current the database's current heads (only read by relative targets)
     */
    public List<String> resolve(RevisionGraph graph, Collection<String> current) {
        if (branch != null) {
            return resolveOnBranch(graph, current);
        }
        switch (kind) {
            case HEADS:
                return graph.heads();
            case BASE:
                return List.of();
            case HEAD: {
                List<String> head = singleHead(graph);
                return offset == 0 ? head : step(graph, head, offset);
            }
            default: {
                List<String> start;
                if (reference == null) {
                    if (current.size() > 1) {
                        throw new UsageException("'" + text + "' counts from the current revision, but the database "
                                + "is at several heads (" + String.join(", ", current) + "). Name one: <id>"
                                + (offset > 0 ? "+" : "") + offset + ".");
                    }
                    start = List.copyOf(current);
                } else {
                    start = List.of(graph.resolveId(reference));
                }
                return offset == 0 ? start : step(graph, start, offset);
            }
        }
    }

    /** {@code label@head}, {@code label@+N}, {@code label@-N}, {@code label@id}: on the branch the label names. */
    private List<String> resolveOnBranch(RevisionGraph graph, Collection<String> current) {
        String labeled = graph.labeled(branch);
        if (labeled == null) {
            throw new UsageException("No revision has the branch label '" + branch + "'"
                    + (graph.labels().isEmpty() ? "." : "; labels: " + String.join(", ", graph.labels()) + "."));
        }
        Set<String> after = graph.descendants(labeled);
        Set<String> members = line(graph, labeled);
        if (kind == Kind.HEAD) {
            List<String> heads = graph.heads().stream().filter(after::contains).toList();
            if (heads.size() != 1) {
                throw new UsageException("'" + text + "' is ambiguous: branch " + branch + " has several heads ("
                        + String.join(", ", heads) + "). Name one, or merge them.");
            }
            return offset == 0 ? heads : step(graph, heads, offset, members);
        }
        List<String> start;
        if (reference == null) {
            List<String> onBranch = current.stream().filter(members::contains).toList();
            if (onBranch.size() > 1) {
                throw new UsageException("'" + text + "': the database is at several revisions of branch " + branch
                        + " (" + String.join(", ", onBranch) + "). Name one: <id>" + (offset > 0 ? "+" : "") + offset + ".");
            }
            start = onBranch;
        } else {
            String id = graph.resolveId(reference);
            if (!members.contains(id)) {
                throw new UsageException("'" + text + "': " + id + " is not on branch " + branch + ".");
            }
            start = List.of(id);
        }
        return offset == 0 ? start : step(graph, start, offset, members);
    }

    private List<String> singleHead(RevisionGraph graph) {
        List<String> heads = graph.heads();
        if (heads.size() > 1) {
            throw new UsageException("The migrations have " + heads.size() + " heads (" + String.join(", ", heads)
                    + "), so 'head' is ambiguous. Use 'heads' for every branch (`migrate upgrade heads`, `migrate stamp "
                    + "heads`), name one revision as the target, or write a merge revision whose down_revision is "
                    + String.join(", ", heads) + ".");
        }
        return heads;
    }

    /** Walks {@code offset} steps along down_revision edges from {@code start} (one revision, or base when empty). */
    private List<String> step(RevisionGraph graph, List<String> start, int offset) {
        return step(graph, start, offset, null);
    }

    /** As above; going up, {@code prefer} (a branch's revisions) settles which child to follow at a branch point. */
    private List<String> step(RevisionGraph graph, List<String> start, int offset, Set<String> prefer) {
        List<String> at = new ArrayList<>(start);
        for (int taken = 0; taken < Math.abs(offset); taken++) {
            List<String> next;
            if (offset > 0) {
                next = at.isEmpty() ? graph.roots() : graph.children(at.get(0));
                if (prefer != null && next.size() > 1) {
                    List<String> onBranch = next.stream().filter(prefer::contains).toList();
                    next = onBranch.isEmpty() ? next : onBranch;
                }
            } else {
                if (at.isEmpty()) {
                    throw new UsageException(taken == 0
                            ? "'" + text + "' goes below base, and the starting point is base already: nothing is "
                            + "applied to undo."
                            : "'" + text + "' goes below base: there " + (taken == 1 ? "is only 1 revision"
                            : "are only " + taken + " revisions") + " below the starting point.");
                }
                if (at.size() > 1) {
                    throw new UsageException("'" + text + "' is ambiguous: below the merge the history splits into "
                            + String.join(", ", at) + ". Name the revision you mean instead of counting steps.");
                }
                next = graph.get(at.get(0)).downRevisions();
                if (next.size() != 1) {
                    // Below a root is base; below a merge are all of its parents, as Alembic unmerges.
                    at = next;
                    continue;
                }
            }
            if (next.isEmpty()) {
                throw new UsageException(taken == 0
                        ? "'" + text + "' goes past the head, and the starting point "
                        + (at.isEmpty() ? "is base, and there are no revisions" : at.get(0) + " is a head already")
                        + ": nothing follows it to apply."
                        : "'" + text + "' goes past the head: there " + (taken == 1 ? "is only 1 revision"
                        : "are only " + taken + " revisions") + " above the starting point.");
            }
            if (next.size() > 1) {
                String from = at.isEmpty() ? "base" : at.get(0);
                throw new UsageException("'" + text + "' is ambiguous: " + from + " is followed by "
                        + (offset > 0 ? "several branches" : "a merge of several revisions") + " ("
                        + String.join(", ", next) + "). Name the revision you mean instead of counting steps.");
            }
            at = List.of(next.get(0));
        }
        return at;
    }
}
