package dev.migrate.fleet;

import dev.migrate.Migrator;
import dev.migrate.PreparedMigrations;
import dev.migrate.api.CurrentState;
import dev.migrate.api.DatabaseException;
import dev.migrate.api.ExitCodes;
import dev.migrate.api.MigrateException;
import dev.migrate.api.MigrationListener;
import dev.migrate.api.Problem;
import dev.migrate.api.RunResult;
import dev.migrate.api.StampResult;

import java.util.List;

/** What a fleet command does on one target: a single-database command through {@link Migrator}. */
@FunctionalInterface
public interface TargetWork {
    Done run(FleetTarget target, MigrationListener listener);

    /** A target's part done: rows before and after, migrations run; for reading commands, pending and unknown. */
    record Done(List<String> before, List<String> after, int migrations, List<String> pending, List<String> unknown) {
        static Done of(RunResult result) {
            return new Done(result.headsBefore(), result.headsAfter(), result.steps().size(), null, List.of());
        }
    }

    static TargetWork upgrade(PreparedMigrations prepared, String revision) {
        return (target, listener) -> Done.of(Migrator.forTarget(target.config(), listener, prepared)
                .upgrade(revision, prepared));
    }

    static TargetWork downgrade(PreparedMigrations prepared, String revision) {
        return (target, listener) -> Done.of(Migrator.forTarget(target.config(), listener, prepared)
                .downgrade(revision, prepared));
    }

    /** With {@code dryRun}, each target reports the rows it would have; nothing is written. */
    static TargetWork stamp(PreparedMigrations prepared, String revision, boolean purge, boolean dryRun) {
        return (target, listener) -> {
            StampResult result = Migrator.forTarget(target.config(), listener, prepared).stamp(revision, purge, dryRun);
            return new Done(result.headsBefore(), result.headsAfter(), 0, null, List.of());
        };
    }

    /** Reads the rows and what an upgrade would run, creating nothing: for current. */
    static TargetWork inspect(PreparedMigrations prepared) {
        return inspect(prepared, false);
    }

    /**
     * Like {@link #inspect(PreparedMigrations)}, and fails a target whose applied migrations' files changed or are
     * gone since they ran, with the message {@code check --url} gives: for status and check.
     */
    static TargetWork inspectVerifyingFiles(PreparedMigrations prepared) {
        return inspect(prepared, true);
    }

    private static TargetWork inspect(PreparedMigrations prepared, boolean verifyFiles) {
        return (target, listener) -> {
            Migrator migrator = Migrator.forTarget(target.config(), listener, prepared);
            CurrentState state = migrator.current();
            if (!state.databaseExists()) {
                throw new DatabaseException("There is no database at " + target.where()
                        + ": the file does not exist, so no revision is applied.");
            }
            List<String> rows = state.rows().stream().map(CurrentState.Row::revision).toList();
            List<String> unknown = state.rows().stream().filter(row -> !row.known()).map(CurrentState.Row::revision)
                    .toList();
            if (verifyFiles && unknown.isEmpty()) {
                List<Problem> changed = migrator.verifyAppliedFiles();
                if (!changed.isEmpty()) {
                    StringBuilder message = new StringBuilder("Applied migrations do not match their files:");
                    changed.forEach(problem -> message.append("\n  ").append(problem));
                    // What check --url reports with exit 3 for one database: the same for this target.
                    throw new MigrateException(message.toString(), ExitCodes.CHECK_FAILED);
                }
            }
            return new Done(rows, rows, 0, unknown.isEmpty() ? prepared.pending(rows) : null, unknown);
        };
    }
}
