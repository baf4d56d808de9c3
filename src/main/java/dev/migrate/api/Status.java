package dev.migrate.api;

import java.util.List;

/**
 * Where a database stands against the folder: its version-table rows, the folder's heads, the revisions still to
 * apply, and every applied revision with the state of its checksum.
 */
public record Status(List<String> rows, List<String> heads, List<String> pending, List<AppliedRevision> applied) {
    public Status {
        rows = List.copyOf(rows);
        heads = List.copyOf(heads);
        pending = List.copyOf(pending);
        applied = List.copyOf(applied);
    }
}
