package dev.migrate.api;

/**
 * How a SQL script written to the caller's output ended (see {@code Migrator.upgradeScript(range, dialect, out)}).
 *
 * @param stoppedAt the Java migration the script could not render (the script stops before it, with a comment saying
 *                  why), or null when the script is complete
 */
public record ScriptResult(String stoppedAt) {
    public boolean complete() {
        return stoppedAt == null;
    }
}
