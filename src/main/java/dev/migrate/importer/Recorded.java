package dev.migrate.importer;

import java.util.Set;

/**
 * What another tool's history table records: a summary in the tool's own terms for the user, and the
 * {@linkplain ImportedMigration#historyKey keys} of the migrations it counts as applied now.
 */
public record Recorded(String summary, Set<String> applied) {
    public Recorded {
        applied = Set.copyOf(applied);
    }
}
