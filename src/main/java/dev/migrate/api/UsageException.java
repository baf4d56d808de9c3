package dev.migrate.api;

/** The command cannot run as asked: bad option, unreadable folder, a target that resolves to nothing. Exit 2. */
public class UsageException extends MigrateException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, ExitCodes.USAGE);
    }

    public UsageException(String message, Throwable cause) {
        super(message, ExitCodes.USAGE, cause);
    }
}
