package dev.migrate.api;

import java.util.List;

/**
 * What {@code migrate revision} is asked to write.
 *
 * @param java         a Java migration instead of a SQL file
 * @param revisionId   the id to use, or null to make one in the configured style
 * @param head         the revision to build on (a head, or with {@code splice} any revision), or null for the single head
 * @param splice       allow {@code head} to be a revision that already has children, starting a new branch
 */
public record RevisionRequest(String message, boolean java, String revisionId, String head, boolean splice,
                              List<String> branchLabels, List<String> dependsOn) {
    public RevisionRequest {
        branchLabels = List.copyOf(branchLabels);
        dependsOn = List.copyOf(dependsOn);
    }
}
