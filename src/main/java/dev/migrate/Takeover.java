package dev.migrate;

import dev.migrate.api.MigrationFailedException;
import dev.migrate.config.MigrateConfig;
import dev.migrate.db.DatabaseErrors;

import java.util.List;

/**
 * A database that already has tables but no version table was built by other means: an ORM's {@code create_all}, a
 * restored dump, or another migration tool. When the first upgrade on it fails (typically "table already exists"),
 * the error says so and points at the way in.
 */
public final class Takeover {
    /** Alembic's version table: the same one-column format as ours. */
    static final String ALEMBIC_TABLE = "alembic_version";

    private Takeover() {
    }

    static MigrationFailedException failedFirstUpgrade(MigrationFailedException failure, List<String> tables,
                                                       boolean versionTableExisted, MigrateConfig config) {
        // "Fix the migration" is the wrong first remedy here: the migration is likely right and the schema already
        // there. It comes after the stamp, for the case where the schema matches no revision.
        String message = failure.getMessage().replace("\n  " + DatabaseErrors.FIX_THE_MIGRATION, "");
        return new MigrationFailedException(message + "\n" + (versionTableExisted
                ? emptyVersionTableAdvice(tables, config.versionTable()) : advice(tables, config.versionTable()))
                + "\n  If it matches none, fix the migration (or the database) and run the command again.",
                failure.revision(), failure.currentHeads(), failure.getCause());
    }

    /** What to tell the user about a database with {@code tables} and no version table. */
    public static String advice(List<String> tables, String versionTable) {
        StringBuilder text = new StringBuilder("  This database already had ").append(tables.size())
                .append(tables.size() == 1 ? " table (" : " tables (").append(shortList(tables))
                .append(") but no version table ").append(versionTable).append(": it was built by other means.");
        if (tables.stream().anyMatch(ALEMBIC_TABLE::equalsIgnoreCase)) {
            text.append("\n  It has Alembic's alembic_version table: keep it with --version-table ")
                    .append(ALEMBIC_TABLE).append(" (migrate reads and writes the same format).");
        }
        text.append("\n  If its schema already matches a revision, mark it with `migrate stamp REVISION` (see "
                + "`migrate history`), then run `migrate upgrade head` for the rest.");
        return text.toString();
    }

    /**
     * What to tell the user about a database with {@code tables} and an empty version table: migrate's own history
     * may have reached base ({@code stamp base}, downgrades that left tables behind), or a first upgrade over a schema
     * built by other means failed after the table was created; the log tells which, so both are named.
     */
    public static String emptyVersionTableAdvice(List<String> tables, String versionTable) {
        return "  The version table " + versionTable + " is empty, but the database has " + tables.size()
                + (tables.size() == 1 ? " table (" : " tables (") + shortList(tables) + "): a `stamp base` or a "
                + "downgrade may have left them, or they were built by other means and a first upgrade over them "
                + "failed (`migrate log` tells which).\n  If its schema matches a revision, record it with `migrate "
                + "stamp REVISION` (see `migrate history`); `migrate upgrade` would run every migration over those "
                + "tables.";
    }

    private static String shortList(List<String> tables) {
        return tables.size() <= 5 ? String.join(", ", tables)
                : String.join(", ", tables.subList(0, 5)) + ", and " + (tables.size() - 5) + " more";
    }
}
