package dev.migrate.api;

import java.util.List;

/**
 * The rows of the version table, each with what the migrations folder knows of it. No rows: nothing applied.
 *
 * @param databaseExists     false when the database itself is not there (a SQLite file that does not exist); it
 *                           was not created by looking
 * @param versionTableExists whether the version table exists
 * @param otherTables        when there are no rows: the tables the database already has besides migrate's own (a
 *                           database built by other means, to be taken over with {@code stamp}); else empty
 * @param heads              the migrations folder's heads, for advice (empty when the folder did not load)
 * @param folderProblems     why the migrations folder did not load, if it did not; the rows are still shown, and
 *                           {@code known} is then false for all of them
 * @param unfinished         {@code transaction: false} migrations an earlier run started and did not finish: part of
 *                           each may be applied, and writing commands refuse until a stamp
 */
public record CurrentState(List<Row> rows, boolean databaseExists, boolean versionTableExists,
                           List<String> otherTables, List<String> heads, List<Problem> folderProblems,
                           List<String> unfinished) {
    public CurrentState {
        unfinished = List.copyOf(unfinished);
        rows = List.copyOf(rows);
        heads = List.copyOf(heads);
        otherTables = List.copyOf(otherTables);
        folderProblems = List.copyOf(folderProblems);
    }

    /**
     * @param known   the folder has this revision; false means the database is ahead of, or apart from, the folder
     * @param head    the revision is a head of the folder
     * @param message the revision's message, empty when unknown
     */
    public record Row(String revision, boolean known, boolean head, String message) {
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Whether the migrations folder loaded; when it did not, see {@link #folderProblems()}. */
    public boolean folderValid() {
        return folderProblems.isEmpty();
    }
}
