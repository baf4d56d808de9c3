package dev.migrate.api;

/** How a run's migrations map onto transactions. */
public enum TransactionMode {
    /** Each migration commits with its version-table change; a failure keeps the migrations before it. */
    PER_MIGRATION,
    /** The whole run is one transaction: a failure anywhere leaves the database exactly where it started. */
    ALL;

    /** Parses {@code per-migration} or {@code all}, as written on the command line or in {@code migrate.toml}. */
    public static TransactionMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--transaction-mode must be 'per-migration' or 'all', not '" + text + "'.");
        }
    }

    /** As users write it: {@code per-migration}, {@code all}. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
