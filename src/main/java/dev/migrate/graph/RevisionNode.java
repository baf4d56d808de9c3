package dev.migrate.graph;

import java.time.Instant;
import java.util.List;

/**
 * One node of the revision graph: what a migration file's header declares, without its body.
 *
 * @param id            the revision id, {@code [A-Za-z0-9_]+}
 * @param downRevisions the revisions this one follows; empty for a root, several for a merge
 * @param dependsOn     revisions that must be applied first without being parents (cross-branch dependencies)
 * @param branchLabels  names for the branch this revision starts or belongs to
 * @param message       the human description
 * @param transactional whether the migration runs inside one transaction with its version-table change
 * @param reversible    whether the migration has a downgrade
 * @param location      where the revision was declared (a file path), for messages
 * @param revisionLine  the header line of {@code revision}, for messages; 0 where there are no lines (Java)
 * @param downRevisionsLine the header line of {@code down_revision}, for messages; 0 where there are no lines (Java)
 * @param dependsOnLine the header line of {@code depends_on}; 0 when absent or where there are no lines
 * @param created       when the revision was written, from its {@code -- created:} header; null when unknown
 */
public record RevisionNode(String id, List<String> downRevisions, List<String> dependsOn, List<String> branchLabels,
                       String message, boolean transactional, boolean reversible, String location,
                       int revisionLine, int downRevisionsLine, int dependsOnLine, Instant created) {

    public RevisionNode {
        downRevisions = List.copyOf(downRevisions);
        dependsOn = List.copyOf(dependsOn);
        branchLabels = List.copyOf(branchLabels);
        message = message == null ? "" : message;
    }

    /** A revision whose declaration has no lines and no creation time (a Java migration, a test). */
    public RevisionNode(String id, List<String> downRevisions, List<String> dependsOn, List<String> branchLabels,
                    String message, boolean transactional, boolean reversible, String location) {
        this(id, downRevisions, dependsOn, branchLabels, message, transactional, reversible, location, 0, 0, 0, null);
    }

    /** A plain revision for tests and tools: transactional, reversible, no labels or dependencies. */
    public static RevisionNode of(String id, String... downRevisions) {
        return new RevisionNode(id, List.of(downRevisions), List.of(), List.of(), "", true, true, id);
    }

    /** The longest id the version table's {@code VARCHAR(64)} column holds. */
    public static final int MAX_ID_LENGTH = 64;

    /**
     * Whether {@code id} is a revision id: {@code [A-Za-z0-9_]+}, at most {@link #MAX_ID_LENGTH} characters. Checked by
     * hand rather than with a regex: it runs for every id of every file at start-up.
     */
    public static boolean isValidId(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_ID_LENGTH && hasOnlyIdCharacters(id);
    }

    /**
     * Words that commands and headers read as something other than a revision ({@code upgrade head}, {@code downgrade
     * base}, {@code show current}, {@code down_revision: none}): a revision with one as its id could not be named.
     */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("base", "head", "heads", "current");

    /**
     * Whether a revision may declare this id: a valid one that is not a {@link #RESERVED} word (compared exactly, as
     * targets are read) nor {@code none} in any case (as {@code down_revision} reads it).
     */
    public static boolean isDeclarableId(String id) {
        return isValidId(id) && !RESERVED.contains(id) && !id.equalsIgnoreCase("none");
    }

    /**
     * What is wrong with {@code id} as a revision id, as the end of a sentence that starts with the id ("revision id
     * 'x' ..."), or null when it is valid. An id that is only too long says so, with its length.
     */
    public static String idProblem(String id) {
        if (isValidId(id) && !isDeclarableId(id)) {
            return "is a word commands read as a target or header value (base, head, heads, current, none): choose "
                    + "another id";
        }
        if (isValidId(id)) {
            return null;
        }
        if (id != null && !id.isEmpty() && hasOnlyIdCharacters(id)) {
            return "is " + id.length() + " characters long; the limit is " + MAX_ID_LENGTH
                    + " (the version table's column)";
        }
        return "may use only letters, digits and '_' (at most " + MAX_ID_LENGTH + " of them)";
    }

    private static boolean hasOnlyIdCharacters(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    public boolean isRoot() {
        return downRevisions.isEmpty();
    }
}
