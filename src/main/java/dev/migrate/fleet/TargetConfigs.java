package dev.migrate.fleet;

import dev.migrate.api.UsageException;
import dev.migrate.config.ConnectionSettings;
import dev.migrate.config.JdbcUrls;
import dev.migrate.config.MigrateConfig;
import dev.migrate.config.Setting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The settings of one target: the command's own settings (folder, transaction mode, lock timeout, arguments) with the
 * entry's database, credentials, schema and version table in place of the command's.
 */
final class TargetConfigs {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private TargetConfigs() {
    }

    /**
     * Credentials as for one database, nearest first: the entry's {@code user} and {@code password_file}, those in
     * its URL, then the command's ({@code --user}, {@code --password}, {@code --password-file}, {@code PGPASSWORD}).
     */
    static ConnectionSettings connection(MigrateConfig base, TargetEntry entry) {
        if (entry.url() == null) {
            ConnectionSettings command = base.connection();
            return new ConnectionSettings(command.jdbcUrl(), first(entry.user(), command.user()),
                    first(password(entry), command.password()));
        }
        ConnectionSettings parsed;
        try {
            parsed = JdbcUrls.read(entry.url()).settings();
        } catch (UsageException e) {
            throw new UsageException(entry.where() + ": target '" + entry.name() + "': " + e.getMessage(), e);
        }
        ConnectionSettings command = base.credentials();
        return new ConnectionSettings(parsed.jdbcUrl(), first(entry.user(), parsed.user(),
                command == null ? null : command.user()),
                first(password(entry), parsed.password(), command == null ? null : command.password()));
    }

    /** One target's settings; {@code schema} is the entry's schema, or one of its schemas. */
    static FleetTarget target(MigrateConfig base, TargetEntry entry, ConnectionSettings connection, String schema) {
        String name = entry.perSchema() ? entry.name() + "/" + schema : entry.name();
        String table = entry.versionTable() != null ? entry.versionTable() : base.versionTable();
        String effectiveSchema = schema != null ? schema : base.schema();
        requireIdentifier(table, "version table", entry, name);
        if (effectiveSchema != null) {
            requireIdentifier(effectiveSchema, "schema", entry, name);
            if (!connection.isPostgres()) {
                throw new UsageException(entry.where() + ": target '" + name + "' names a schema, but schemas are "
                        + "PostgreSQL's; SQLite has none (use a database file per target).");
            }
        }
        MigrateConfig config = new MigrateConfig(connection, base.dir(), base.classpathLocation(), effectiveSchema,
                table, base.transactionMode(), base.lockTimeout(), base.waitForDatabase(), base.classpath(),
                base.cacheDir(), base.arguments(), base.revisionIdStyle(), base.fileTemplate(), base.sources(),
                base.notes(), logTable(base, table), base.ignoreChanged(), null);
        return new FleetTarget(name, entry.groups(), config);
    }

    /** The log follows a target's own version table unless the log table was configured by name. */
    private static String logTable(MigrateConfig base, String versionTable) {
        return "default".equals(base.sources().get(Setting.LOG_TABLE)) ? versionTable + "_log" : base.logTable();
    }

    private static void requireIdentifier(String value, String what, TargetEntry entry, String name) {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new UsageException(entry.where() + ": target '" + name + "': " + what + " '" + value
                    + "' is not a plain SQL identifier (letters, digits and '_', starting with a letter or '_', "
                    + "at most 63 characters).");
        }
    }

    private static String password(TargetEntry entry) {
        Path file = entry.passwordFile();
        if (file == null) {
            return null;
        }
        try {
            // The first line only, as for --password-file: `echo` adds a newline that is not part of the password.
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).replace("\r", "");
        } catch (IOException e) {
            throw new UsageException(entry.where() + ": target '" + entry.name() + "': cannot read the password file "
                    + file + ": " + e.getMessage(), e);
        }
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
