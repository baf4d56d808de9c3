package dev.migrate.api;

/**
 * The one exception type the engine throws for anything a user can act on. Each carries a message written
 * for the person at the terminal (what happened, what to do next) and the process exit code it maps to.
 */
public class MigrateException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public MigrateException(String message, int exitCode) {
        this(message, exitCode, null);
    }

    public MigrateException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code this failure maps to; see {@link ExitCodes}. */
    public int exitCode() {
        return exitCode;
    }
}
