package dev.migrate.api;

/**
 * What {@code check} checks beyond the graph itself.
 *
 * @param requireDowngrade every revision must have a downgrade
 * @param singleHead       the folder must have exactly one head (for CI: two branches were merged without a merge
 *                         revision)
 * @param database         the configured database must be at head
 */
public record CheckOptions(boolean requireDowngrade, boolean singleHead, boolean database) {
    public static final CheckOptions GRAPH_ONLY = new CheckOptions(false, false, false);
}
