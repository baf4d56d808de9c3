package dev.migrate.api;

/** The exit codes of the {@code migrate} command, documented in the README and in {@code --help}. */
public final class ExitCodes {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** A migration or a database operation failed. */
    public static final int FAILED = 1;
    /** Bad usage or configuration: unknown option, unreadable folder, invalid header, unresolvable target. */
    public static final int USAGE = 2;
    /** {@code check} found problems. */
    public static final int CHECK_FAILED = 3;

    private ExitCodes() {
    }
}
