package dev.migrate.api;

/** How a run's migrations map onto transactions. */
public enum TransactionMode {
    /** Each migration commits with its version-table change; a failure keeps the migrations before it. */
    PER_MIGRATION,
    /** The whole run is one transaction: a failure anywhere leaves the database exactly where it started. */
    ALL;

    /** Parses {@code per-migration} or {@code all}, as written on the command line. */
    public static TransactionMode parse(String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "per-migration":
                return PER_MIGRATION;
            case "all":
                return ALL;
            default:
                throw new UsageException("--transaction-mode must be 'per-migration' or 'all', not '" + text + "'.");
        }
    }
}
