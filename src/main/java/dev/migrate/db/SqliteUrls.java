package dev.migrate.db;

import java.nio.file.Path;
import java.util.Locale;

/** What a {@code jdbc:sqlite:} URL says about the file it opens. */
public final class SqliteUrls {
    private SqliteUrls() {
    }

    /** The database file as the URL names it (relative paths stay relative), or null for an in-memory database. */
    public static Path file(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isEmpty() || path.startsWith(":memory:") || jdbcUrl.contains("mode=memory")) {
            return null;
        }
        return Path.of(path);
    }

    /**
     * The URL parameter that opens the file read-only ({@code mode=ro}, in a {@code file:} URL), or null.
     * (sqlite-jdbc's {@code open_mode} is not listed: its data source overrides it with its own open flags.)
     */
    public static String readOnlyParameter(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String parameter : jdbcUrl.substring(query + 1).split("&")) {
            if (parameter.toLowerCase(Locale.ROOT).equals("mode=ro")) {
                return parameter;
            }
        }
        return null;
    }
}
