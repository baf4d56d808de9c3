package dev.migrate.api;

/**
 * What {@code check} checks beyond the graph itself.
 *
 * @param requireDowngrade every revision must have a downgrade
 * @param singleHead       the folder must have exactly one head (for CI: two branches were merged without a merge
 *                         revision)
 * @param database         the configured database must be at head
 * @param dialect          {@code sqlite} or {@code postgresql}: read SQL bodies the way that database's lexer does;
 *                         null for the configured database's, or, with only the default URL, both ways at once
 */
public record CheckOptions(boolean requireDowngrade, boolean singleHead, boolean database, String dialect) {
    public static final CheckOptions GRAPH_ONLY = new CheckOptions(false, false, false, null);

    public CheckOptions(boolean requireDowngrade, boolean singleHead, boolean database) {
        this(requireDowngrade, singleHead, database, null);
    }
}
