package dev.migrate.api;

/** The database could not be reached or read, or its version table is not what the folder expects. Exit 1. */
public class DatabaseException extends MigrateException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message) {
        super(message, ExitCodes.FAILED);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, ExitCodes.FAILED, cause);
    }
}
