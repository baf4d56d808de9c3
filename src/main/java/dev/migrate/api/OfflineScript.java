package dev.migrate.api;

/**
 * A SQL script that does what a command would do, rendered without connecting to a database, held whole in memory.
 *
 * @param sql       the script; when {@code stoppedAt} is set, it ends with a comment saying why
 * @param stoppedAt the Java migration the script could not render (the script stops before it), or null
 */
public record OfflineScript(String sql, String stoppedAt) {
    public boolean complete() {
        return stoppedAt == null;
    }
}
