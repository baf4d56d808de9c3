package dev.migrate.api;

import java.time.Instant;
import java.util.List;

/**
 * A revision as {@code history}, {@code heads} and {@code show} report it.
 *
 * @param head        nothing follows it
 * @param branchPoint several revisions follow it
 * @param current     the database's version table names it (false when the database was not read)
 * @param created     when the revision was written, from its file's {@code -- created:} header; null when unknown
 */
public record RevisionInfo(String id, List<String> downRevisions, List<String> dependsOn, List<String> branchLabels,
                           String message, String location, boolean transactional, boolean reversible,
                           boolean head, boolean branchPoint, boolean current, Instant created) {
    public RevisionInfo {
        downRevisions = List.copyOf(downRevisions);
        dependsOn = List.copyOf(dependsOn);
        branchLabels = List.copyOf(branchLabels);
    }

    /** A revision whose creation time is unknown. */
    public RevisionInfo(String id, List<String> downRevisions, List<String> dependsOn, List<String> branchLabels,
                        String message, String location, boolean transactional, boolean reversible,
                        boolean head, boolean branchPoint, boolean current) {
        this(id, downRevisions, dependsOn, branchLabels, message, location, transactional, reversible, head,
                branchPoint, current, null);
    }

    public boolean mergePoint() {
        return downRevisions.size() > 1;
    }
}
