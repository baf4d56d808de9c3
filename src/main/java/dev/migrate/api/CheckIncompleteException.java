package dev.migrate.api;

/**
 * {@code check} with the database could not read it (unreachable, missing, not a database): exit 1, as any command
 * that cannot reach its database. What the folder's own checks found is not lost behind the error: it is in
 * {@link #folderReport()}, whose problems are the folder's only and whose pending list is empty (unknown).
 */
public class CheckIncompleteException extends DatabaseException {
    private static final long serialVersionUID = 1L;
    private final transient CheckReport folderReport;

    public CheckIncompleteException(CheckReport folderReport, DatabaseException unreadable) {
        super(unreadable.getMessage(), unreadable.getCause());
        this.folderReport = folderReport;
    }

    /** The folder's size, heads and problems, found before the database was tried. */
    public CheckReport folderReport() {
        return folderReport;
    }
}
