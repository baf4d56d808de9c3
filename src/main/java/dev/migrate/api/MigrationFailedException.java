package dev.migrate.api;

import java.util.List;

/**
 * A migration failed while running. The message names the revision, the file, the statement's line, the
 * database's own message and the revision(s) the database is at now, because the failed migration was rolled back.
 */
public class MigrationFailedException extends MigrateException {
    private static final long serialVersionUID = 1L;
    private final String revision;
    private final List<String> currentHeads;

    public MigrationFailedException(String message, String revision, List<String> currentHeads, Throwable cause) {
        super(message, ExitCodes.FAILED, cause);
        this.revision = revision;
        this.currentHeads = List.copyOf(currentHeads);
    }

    /** The revision whose migration failed. */
    public String revision() {
        return revision;
    }

    /** The version table's rows after the failure (the previous revision, since the migration was rolled back). */
    public List<String> currentHeads() {
        return currentHeads;
    }
}
