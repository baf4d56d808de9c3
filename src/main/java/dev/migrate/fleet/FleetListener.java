package dev.migrate.fleet;

import dev.migrate.api.MigrationListener;

/** Hears a fleet command as it runs. Called from several threads at once: implementations synchronize. */
public interface FleetListener {
    FleetListener NONE = new FleetListener() {
    };

    default void targetStarted(FleetTarget target) {
    }

    default void targetFinished(TargetResult result) {
    }

    /** No new target will start; the running ones finish. */
    default void stopping(String reason) {
    }

    /** What hears one target's migrations, waits and warnings (a single-database command's listener). */
    default MigrationListener migrationListener(FleetTarget target) {
        return MigrationListener.NONE;
    }
}
