package dev.migrate.api;

import java.time.Duration;

/** Hears what a running command does, as it does it. The CLI prints from these; an application may log them. */
public interface MigrationListener {
    MigrationListener NONE = new MigrationListener() {
    };

    default void migrationStarted(StepInfo step) {
    }

    default void migrationFinished(StepInfo step, Duration elapsed) {
    }
}
