package dev.migrate.schema;

/**
 * Whether the branches of a merge commute: the schema after applying {@code first}'s branch then
 * {@code second}'s, against the opposite order.
 *
 * @param diff    from the schema of the order first-then-second to that of second-then-first (empty: they commute)
 * @param failure what failed in one of the orders, else null
 */
public record BranchOrderTest(String merge, String first, String second, SchemaDiff diff, String failure) {
    public boolean passed() {
        return failure == null && diff.isEmpty();
    }
}
