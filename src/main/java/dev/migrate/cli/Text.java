package dev.migrate.cli;

import dev.migrate.api.RevisionInfo;

import java.util.List;

/** Text rendering of the engine's records, in the shapes Alembic users know. */
final class Text {
    private Text() {
    }

    /** Version-table rows for a sentence: "base" when empty. */
    static String heads(List<String> rows) {
        return rows.isEmpty() ? "base (no revision applied)" : String.join(", ", rows);
    }

    static String marks(RevisionInfo revision) {
        StringBuilder marks = new StringBuilder();
        if (revision.head()) {
            marks.append(" (head)");
        }
        if (revision.current()) {
            marks.append(" (current)");
        }
        if (revision.branchPoint()) {
            marks.append(" (branchpoint)");
        }
        if (revision.mergePoint()) {
            marks.append(" (mergepoint)");
        }
        return marks.toString();
    }

    /** {@code 07d7d2f65290 -> 3f2a9c1b7d40 (head), add quiz roster tracking}. */
    static String historyLine(RevisionInfo revision) {
        String parents = revision.downRevisions().isEmpty() ? "<base>" : String.join(", ", revision.downRevisions());
        return parents + " -> " + revision.id() + marks(revision)
                + (revision.message().isEmpty() ? "" : ", " + revision.message());
    }

    /** Every detail of one revision, for {@code show} and the verbose listings. */
    static String block(RevisionInfo revision) {
        StringBuilder text = new StringBuilder();
        text.append("Revision: ").append(revision.id()).append(marks(revision)).append('\n');
        text.append(revision.downRevisions().size() > 1 ? "Parents: " : "Parent: ")
                .append(revision.downRevisions().isEmpty() ? "<base>"
                        : String.join(", ", revision.downRevisions())).append('\n');
        if (!revision.dependsOn().isEmpty()) {
            text.append("Depends on: ").append(String.join(", ", revision.dependsOn())).append('\n');
        }
        if (!revision.branchLabels().isEmpty()) {
            text.append("Branch labels: ").append(String.join(", ", revision.branchLabels())).append('\n');
        }
        text.append("Path: ").append(revision.location()).append('\n');
        if (revision.created() != null) {
            text.append("Created: ").append(revision.created()).append('\n');
        }
        text.append("Transaction: ").append(revision.transactional() ? "yes" : "no (runs in autocommit)")
                .append(", downgrade: ").append(revision.reversible() ? "yes" : "no (irreversible)").append('\n');
        if (!revision.message().isEmpty()) {
            text.append('\n').append("    ").append(revision.message()).append('\n');
        }
        return text.toString();
    }
}
