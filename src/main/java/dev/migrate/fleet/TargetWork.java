package dev.migrate.fleet;

import dev.migrate.Migrator;
import dev.migrate.PreparedMigrations;
import dev.migrate.api.CurrentState;
import dev.migrate.api.DatabaseException;
import dev.migrate.api.MigrationListener;
import dev.migrate.api.RunResult;

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

    static TargetWork stamp(PreparedMigrations prepared, String revision, boolean purge) {
        return (target, listener) -> Done.of(Migrator.forTarget(target.config(), listener, prepared)
                .stamp(revision, purge));
    }

    /** Reads the rows and what an upgrade would run, creating nothing: for current, status and check. */
    static TargetWork inspect(PreparedMigrations prepared) {
        return (target, listener) -> {
            CurrentState state = Migrator.forTarget(target.config(), listener, prepared).current();
            if (!state.databaseExists()) {
                throw new DatabaseException("There is no database at " + target.where()
                        + ": the file does not exist, so no revision is applied.");
            }
            List<String> rows = state.rows().stream().map(CurrentState.Row::revision).toList();
            List<String> unknown = state.rows().stream().filter(row -> !row.known()).map(CurrentState.Row::revision)
                    .toList();
            return new Done(rows, rows, 0, unknown.isEmpty() ? prepared.pending(rows) : null, unknown);
        };
    }
}
