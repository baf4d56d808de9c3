package dev.migrate.api;

/**
 * An applied revision as {@code status} shows it: what the log recorded for it and whether its file still holds
 * that text.
 *
 * @param state     {@code ok} (the file has the text that ran), {@code changed} (the file was edited since),
 *                  {@code unrecorded} (applied before the log existed, or a Java migration: nothing to compare),
 *                  {@code missing} (the log says applied, but no file declares it)
 * @param appliedBy the log row that made it applied, or null when there is none
 */
public record AppliedRevision(String revision, String message, String state, LogEntry appliedBy) {
    public static final String OK = "ok";
    public static final String CHANGED = "changed";
    public static final String UNRECORDED = "unrecorded";
    public static final String MISSING = "missing";

    /** Whether the folder no longer holds what ran: its file {@code changed}, or is {@code missing}. */
    public boolean differsFromItsFile() {
        return state.equals(CHANGED) || state.equals(MISSING);
    }
}
