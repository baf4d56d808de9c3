package dev.migrate.cli;

import dev.migrate.config.MigrateConfig;
import dev.migrate.config.Setting;
import dev.migrate.db.DatabaseIdentity;

/**
 * The first line of a command that writes: which database it is about to change. A deploy whose DATABASE_URL went
 * missing would otherwise migrate a local SQLite file quietly and exit 0; the remark says when the URL is the default.
 */
final class DatabaseLine {
    private DatabaseLine() {
    }

    static String of(MigrateConfig config) {
        boolean defaulted = "default".equals(config.sources().get(Setting.URL));
        return DatabaseIdentity.of(config.connection(), config.schema())
                + (defaulted ? " (default: set --url or DATABASE_URL)" : "");
    }
}
