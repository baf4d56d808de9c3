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

    /** A message the database sent while the step's statements ran (a PostgreSQL NOTICE or WARNING). */
    default void notice(StepInfo step, String message) {
    }

    /** A Java migration is being compiled (it was not in the compile cache). */
    default void compiling(String source) {
    }

    /** Something the user should know that does not stop the command (a database that could not be read). */
    default void warning(String message) {
    }

    /** The command is waiting: for another runner's lock, or for the database to accept connections. */
    default void waiting(String message) {
    }
}
