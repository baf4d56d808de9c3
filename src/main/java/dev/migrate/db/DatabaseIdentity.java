package dev.migrate.db;

import dev.migrate.config.ConnectionSettings;
import org.postgresql.Driver;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Which database a command works on, in one phrase a person recognises: {@code PostgreSQL app@db.internal:5432/app,
 * schema public} or {@code SQLite ./migrate.db}. Never a password.
 */
public final class DatabaseIdentity {
    private DatabaseIdentity() {
    }

    /** @param schema the {@code --schema}, or null for the server's search path */
    public static String of(ConnectionSettings settings, String schema) {
        if (settings.isSqlite()) {
            Path file = SqliteUrls.file(settings.jdbcUrl());
            if (file == null) {
                return "SQLite in memory";
            }
            // "./migrate.db", not "migrate.db": a relative path is relative to the current folder, and says so.
            String path = file.toString();
            return "SQLite " + (file.isAbsolute() || path.startsWith(".") ? path : "./" + path);
        }
        Properties parsed = Driver.parseURL(settings.jdbcUrl(), new Properties());
        if (parsed == null) {
            return settings.toString();
        }
        String user = user(settings);
        return "PostgreSQL " + (user == null ? "" : user + "@") + parsed.getProperty("PGHOST", "localhost") + ":"
                + parsed.getProperty("PGPORT", "5432") + "/" + parsed.getProperty("PGDBNAME", "")
                + (schema == null ? ", default search_path" : ", schema " + schema);
    }

    /** The user the driver logs in as: from the settings, else the URL's {@code user=} parameter; null if neither. */
    public static String user(ConnectionSettings settings) {
        if (settings.user() != null || !settings.isPostgres()) {
            return settings.user();
        }
        Properties parsed = Driver.parseURL(settings.jdbcUrl(), new Properties());
        return parsed == null ? null : parsed.getProperty("user");
    }
}
