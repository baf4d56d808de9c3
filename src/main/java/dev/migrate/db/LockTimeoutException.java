package dev.migrate.db;

import dev.migrate.api.DatabaseException;

import java.time.Duration;

/** Another runner held the migration lock for longer than {@code --lock-timeout}. Exit 1. */
public final class LockTimeoutException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    /**
     * @param lock the lock as the user can find it: the advisory lock's table and key, or the lock file
     */
    public LockTimeoutException(Duration timeout, String lock) {
        this(timeout, lock, "");
    }

    /**
     * @param holder how to find who holds it (who, as far as it could be read, and a query to paste); may be empty
     */
    public LockTimeoutException(Duration timeout, String lock, String holder) {
        super("Gave up after " + timeout.toSeconds() + " s waiting for the migration lock " + lock + ": another "
                + "migrate command is running against this database. Run again when it has finished, or raise "
                + "--lock-timeout." + (holder.isEmpty() ? "" : " " + holder));
    }
}
