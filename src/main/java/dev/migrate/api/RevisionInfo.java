package dev.migrate.api;

import java.util.List;

/**
 * A revision as {@code history}, {@code heads} and {@code show} report it.
 *
 * @param head        nothing follows it
 * @param branchPoint several revisions follow it
 * @param current     the database's version table names it (false when the database was not read)
 */
public record RevisionInfo(String id, List<String> downRevisions, List<String> dependsOn, List<String> branchLabels,
                           String message, String location, boolean transactional, boolean reversible,
                           boolean head, boolean branchPoint, boolean current) {
    public RevisionInfo {
        downRevisions = List.copyOf(downRevisions);
        dependsOn = List.copyOf(dependsOn);
        branchLabels = List.copyOf(branchLabels);
    }

    public boolean mergePoint() {
        return downRevisions.size() > 1;
    }
}
