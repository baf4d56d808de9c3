package dev.migrate.api;

import java.util.List;

/** The rows of the version table, each with what the migrations folder knows of it. Empty: nothing applied. */
public record CurrentState(List<Row> rows) {
    public CurrentState {
        rows = List.copyOf(rows);
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
}
