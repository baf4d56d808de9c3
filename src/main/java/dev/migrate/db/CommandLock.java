package dev.migrate.db;

/** A held lock; closing it releases it. Closing the connection releases a PostgreSQL advisory lock too. */
public interface CommandLock extends AutoCloseable {
    @Override
    void close();
}
