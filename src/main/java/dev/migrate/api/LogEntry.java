package dev.migrate.api;

/**
 * One row of the applied-migrations log: a step that ran, a stamp, or an accepted checksum.
 *
 * @param direction  {@code upgrade}, {@code downgrade}, {@code stamp} (marked applied without running),
 *                   {@code unstamp} (marked not applied without running) or {@code accept} (the file's new text
 *                   recorded as what the database has)
 * @param checksum   the SHA-256 of the section that ran (the upgrade section for stamp and accept); null for Java
 * @param startedAt  ISO-8601 instant
 * @param finishedAt ISO-8601 instant; null for a {@code transaction: false} migration that did not finish
 * @param completed  for a {@code transaction: false} migration, whether it finished; null for the others
 */
public record LogEntry(long id, String revision, String direction, String checksum, String startedAt,
                       String finishedAt, Long durationMs, String databaseUser, String osUser, String host,
                       String migrateVersion, Boolean completed) {

    /** Who ran it and from where, for messages: {@code alice@build-7 (database user app)}. */
    public String by() {
        String who = (osUser == null ? "?" : osUser) + "@" + (host == null ? "?" : host);
        return databaseUser == null ? who : who + " (database user " + databaseUser + ")";
    }
}
