package dev.migrate.api;

import java.util.List;

/**
 * What {@code stamp} did, or with {@code dryRun} would do: the version table's rows before and after, and the
 * revisions it marks applied or not applied without running them.
 *
 * @param emptySchema whether the database has no tables besides migrate's own while the stamp marks revisions
 *                    applied: their schema is most likely not there
 * @param unfinished  the {@code transaction: false} migrations an earlier run left unfinished, whose records the
 *                    stamp clears (or would clear): stamping is how an operator says the schema has been repaired
 */
public record StampResult(List<String> headsBefore, List<String> headsAfter, List<String> marked,
                          List<String> unmarked, boolean dryRun, boolean emptySchema, List<String> unfinished) {
    public StampResult {
        headsBefore = List.copyOf(headsBefore);
        headsAfter = List.copyOf(headsAfter);
        marked = List.copyOf(marked);
        unmarked = List.copyOf(unmarked);
        unfinished = List.copyOf(unfinished);
    }

    /** A stamp that clears no unfinished record. */
    public StampResult(List<String> headsBefore, List<String> headsAfter, List<String> marked, List<String> unmarked,
                       boolean dryRun, boolean emptySchema) {
        this(headsBefore, headsAfter, marked, unmarked, dryRun, emptySchema, List.of());
    }

    /** The same result, naming the unfinished records the stamp clears. */
    public StampResult clearing(List<String> unfinishedRecords) {
        return new StampResult(headsBefore, headsAfter, marked, unmarked, dryRun, emptySchema, unfinishedRecords);
    }
}
