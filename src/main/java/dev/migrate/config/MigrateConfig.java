package dev.migrate.config;

import dev.migrate.api.TransactionMode;
import dev.migrate.api.UsageException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The frozen effective configuration of one command. Build it with {@link #builder()}; values not given fall back
 * to the environment and then to the defaults.
 *
 * @param schema          PostgreSQL schema for the version table, first on the search path; null for the default
 * @param lockTimeout     how long to wait for another runner's lock; null waits as long as it takes
 * @param waitForDatabase how long to keep retrying a database that does not accept connections yet (zero: once)
 */
public record MigrateConfig(ConnectionSettings connection, Path dir, String schema, String versionTable,
                            TransactionMode transactionMode, Duration lockTimeout, Duration waitForDatabase) {
    public static final String DEFAULT_URL = "jdbc:sqlite:migrate.db";
    public static final String DEFAULT_DIR = "migrations";
    public static final String DEFAULT_VERSION_TABLE = "migrate_version";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public static Builder builder() {
        return new Builder();
    }

    /** The version table as SQL names it: {@code schema.table} or {@code table}. */
    public String qualifiedVersionTable() {
        return schema == null ? versionTable : schema + "." + versionTable;
    }

    /** A description for {@code -v}, safe to print: the password never appears. */
    public String describe() {
        return "database " + connection + ", migrations in " + dir + ", version table " + qualifiedVersionTable()
                + ", transaction mode " + transactionMode.name().toLowerCase().replace('_', '-');
    }

    public static final class Builder {
        private String url;
        private String user;
        private String password;
        private Path passwordFile;
        private Path dir;
        private String schema;
        private String versionTable;
        private TransactionMode transactionMode;
        private Duration lockTimeout;
        private Duration waitForDatabase;
        private Map<String, String> environment = Map.of();

        private Builder() {
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder passwordFile(Path passwordFile) {
            this.passwordFile = passwordFile;
            return this;
        }

        public Builder dir(Path dir) {
            this.dir = dir;
            return this;
        }

        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        public Builder versionTable(String versionTable) {
            this.versionTable = versionTable;
            return this;
        }

        public Builder transactionMode(TransactionMode transactionMode) {
            this.transactionMode = transactionMode;
            return this;
        }

        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
            return this;
        }

        public Builder waitForDatabase(Duration waitForDatabase) {
            this.waitForDatabase = waitForDatabase;
            return this;
        }

        /** The environment to read {@code MIGRATE_URL}, {@code DATABASE_URL} and {@code PGPASSWORD} from. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public MigrateConfig build() {
            String effectiveUrl = firstNonBlank(url, environment.get("MIGRATE_URL"), environment.get("DATABASE_URL"),
                    DEFAULT_URL);
            ConnectionSettings parsed = JdbcUrls.parse(effectiveUrl);
            String effectiveUser = firstNonBlank(user, parsed.user(), null);
            String effectivePassword = firstNonBlank(password, readPasswordFile(), parsed.password(),
                    parsed.isPostgres() ? environment.get("PGPASSWORD") : null, null);
            ConnectionSettings connection = new ConnectionSettings(parsed.jdbcUrl(), effectiveUser, effectivePassword);
            String table = versionTable == null ? DEFAULT_VERSION_TABLE : versionTable;
            requireIdentifier(table, "Version table name");
            if (schema != null) {
                requireIdentifier(schema, "Schema name");
                if (!connection.isPostgres()) {
                    throw new UsageException("--schema applies to PostgreSQL only; SQLite has no schemas "
                            + "(use a separate database file instead).");
                }
            }
            if (lockTimeout != null && lockTimeout.isNegative() || waitForDatabase != null && waitForDatabase.isNegative()) {
                throw new UsageException("--lock-timeout and --wait take a number of seconds, 0 or more.");
            }
            return new MigrateConfig(connection, dir == null ? Path.of(DEFAULT_DIR) : dir, schema, table,
                    transactionMode == null ? TransactionMode.PER_MIGRATION : transactionMode, lockTimeout,
                    waitForDatabase == null ? Duration.ZERO : waitForDatabase);
        }

        private String readPasswordFile() {
            if (passwordFile == null) {
                return null;
            }
            try {
                // Only the first line: files written by `echo` end with a newline that is not part of the password.
                String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
                int end = text.indexOf('\n');
                return (end < 0 ? text : text.substring(0, end)).replace("\r", "");
            } catch (IOException e) {
                throw new UsageException("Cannot read the password file " + passwordFile + ": " + e.getMessage(), e);
            }
        }

        private static void requireIdentifier(String name, String what) {
            if (!IDENTIFIER.matcher(name).matches()) {
                throw new UsageException(what + " '" + name + "' is not a plain SQL identifier "
                        + "(letters, digits and '_', starting with a letter or '_', at most 63 characters).");
            }
        }

        private static String firstNonBlank(String... values) {
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    return value;
                }
            }
            return null;
        }
    }
}
