package dev.migrate.db;

import dev.migrate.api.DatabaseException;

/** Another runner held the migration lock for longer than {@code --lock-timeout}. Exit 1. */
public final class LockTimeoutException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    public LockTimeoutException(String message) {
        super(message);
    }
}
