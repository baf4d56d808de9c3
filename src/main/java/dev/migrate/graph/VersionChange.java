package dev.migrate.graph;

import java.util.List;

/**
 * What one step does to the version table: the rows it removes and the rows it adds. {@code db.VersionTable} writes a
 * removed/added pair as one UPDATE, so a plain linear step is a single-row UPDATE as in Alembic.
 */
public record VersionChange(List<String> removed, List<String> added) {
    public VersionChange {
        removed = List.copyOf(removed);
        added = List.copyOf(added);
    }
}
