package dev.migrate.api;

import java.util.List;

/**
 * Where a database stands against the folder: its version-table rows, the folder's heads, the revisions still to
 * apply, every applied revision with the state of its checksum, and the {@code transaction: false} migrations an
 * earlier run left unfinished (part of each may be applied).
 */
public record Status(List<String> rows, List<String> heads, List<String> pending, List<AppliedRevision> applied,
                     List<String> unfinished) {
    public Status {
        unfinished = List.copyOf(unfinished);
        rows = List.copyOf(rows);
        heads = List.copyOf(heads);
        pending = List.copyOf(pending);
        applied = List.copyOf(applied);
    }
}
