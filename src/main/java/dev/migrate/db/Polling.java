package dev.migrate.db;

import dev.migrate.api.DatabaseException;

import java.time.Duration;

/** The wait loop both dialects' locks share: try, tell the caller once that we wait, sleep, try again. */
final class Polling {
    private static final long INTERVAL_MILLIS = 100;

    @FunctionalInterface
    interface Attempt {
        boolean tryOnce() throws Exception;
    }

    private Polling() {
    }

    /** True when the attempt succeeded, false when {@code timeout} (null: never) passed first. */
    static boolean until(Attempt attempt, Duration timeout, Runnable onWait) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        boolean told = false;
        try {
            while (true) {
                if (attempt.tryOnce()) {
                    return true;
                }
                if (System.nanoTime() >= deadline) {
                    return false;
                }
                if (!told) {
                    onWait.run();
                    told = true;
                }
                Thread.sleep(INTERVAL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("Interrupted while waiting for the migration lock.", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new DatabaseException("Cannot take the migration lock: " + e.getMessage(), e);
        }
    }
}
