package dev.migrate.source;

import dev.migrate.graph.RevisionNode;

/**
 * A SQL migration read for the graph only ({@link SqlMigrationParser#header}): what its file declares, without the
 * hashes that running it needs. Commands that run nothing (current, history, heads, show, ...) build their graph
 * from these.
 */
public record DeclaredRevision(RevisionNode revision) implements Migration {
}
