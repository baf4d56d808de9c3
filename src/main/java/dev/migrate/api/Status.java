package dev.migrate.api;

import java.util.List;

/**
 * Where a database stands against the folder: its version-table rows, the folder's heads, the revisions still to
 * apply, every applied revision with the state of its checksum, the {@code transaction: false} migrations an
 * earlier run left unfinished (part of each may be applied), and the rows no file of the folder declares.
 *
 * @param pending the revisions an {@code upgrade heads} would run; null when {@code unknown} is not empty, since
 *                nothing can be planned from a revision the folder does not have
 * @param unknown version-table rows no file declares; those the log counts as applied are also in {@code applied},
 *                as {@code missing}
 */
public record Status(List<String> rows, List<String> heads, List<String> pending, List<AppliedRevision> applied,
                     List<String> unfinished, List<String> unknown) {
    public Status {
        unfinished = List.copyOf(unfinished);
        rows = List.copyOf(rows);
        heads = List.copyOf(heads);
        pending = pending == null ? null : List.copyOf(pending);
        applied = List.copyOf(applied);
        unknown = List.copyOf(unknown);
    }

    /**
     * Nothing to repair: every row is a revision of the folder, every applied file holds what ran, and no migration
     * was left unfinished (revisions still pending are not a problem).
     */
    public boolean clean() {
        return unfinished.isEmpty() && unknown.isEmpty()
                && applied.stream().noneMatch(AppliedRevision::differsFromItsFile);
    }
}
