package dev.migrate.graph;

import java.util.List;

/**
 * One migration to run in one direction, with the version table's rows before it and the change it makes to them.
 */
public record Step(Direction direction, RevisionNode revision, List<String> headsBefore, VersionChange change) {
    public Step {
        headsBefore = List.copyOf(headsBefore);
    }

    /** The rows after this step. */
    public List<String> headsAfter() {
        java.util.List<String> after = new java.util.ArrayList<>(headsBefore);
        after.removeAll(change.removed());
        after.addAll(change.added());
        return List.copyOf(after);
    }

    /** Where the step starts, for "Running upgrade FROM -> TO": its down_revisions going up, itself going down. */
    public String from() {
        return direction == Direction.UPGRADE ? idsText(revision.downRevisions()) : revision.id();
    }

    /** Where the step ends. */
    public String to() {
        return direction == Direction.UPGRADE ? revision.id() : idsText(revision.downRevisions());
    }

    private static String idsText(List<String> ids) {
        return ids.isEmpty() ? "<base>" : String.join(", ", ids);
    }
}
