package dev.migrate;

import dev.migrate.config.ConnectionSettings;
import dev.migrate.config.JdbcUrls;
import dev.migrate.config.MigrateConfig;

/** A second URL of a command ({@code --dev-url}, {@code --from-url}), read as {@code --url} is. */
final class Urls {
    private Urls() {
    }

    /**
     * Any URL form {@code --url} accepts. Credentials in it are used; without them, those of the command
     * ({@code --user}, {@code --password-file}, {@code PGPASSWORD}) when both are PostgreSQL.
     */
    static ConnectionSettings settings(String url, MigrateConfig config) {
        ConnectionSettings parsed = JdbcUrls.read(url).settings();
        ConnectionSettings command = config.credentials();
        if (parsed.isPostgres() && parsed.user() == null && command != null && command.isPostgres()) {
            return new ConnectionSettings(parsed.jdbcUrl(), command.user(),
                    parsed.password() != null ? parsed.password() : command.password());
        }
        return parsed;
    }
}
