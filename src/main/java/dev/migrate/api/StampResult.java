package dev.migrate.api;

import java.util.List;

/**
 * What {@code stamp} did, or with {@code dryRun} would do: the version table's rows before and after, and the
 * revisions it marks applied or not applied without running them.
 *
 * @param emptySchema whether the database has no tables besides migrate's own while the stamp marks revisions
 *                    applied: their schema is most likely not there
 */
public record StampResult(List<String> headsBefore, List<String> headsAfter, List<String> marked,
                          List<String> unmarked, boolean dryRun, boolean emptySchema) {
    public StampResult {
        headsBefore = List.copyOf(headsBefore);
        headsAfter = List.copyOf(headsAfter);
        marked = List.copyOf(marked);
        unmarked = List.copyOf(unmarked);
    }
}
