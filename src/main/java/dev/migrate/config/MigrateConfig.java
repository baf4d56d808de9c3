package dev.migrate.config;

import dev.migrate.api.TransactionMode;
import dev.migrate.api.UsageException;
import dev.migrate.text.IoReasons;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The frozen effective configuration of one command. Each {@link Setting} comes from, highest first: the command-line
 * option (or the Java API's builder), the environment, {@code migrate.toml}, the default; {@link #sources()} says
 * which, for {@code migrate config}.
 *
 * @param dir                the migrations folder, or null when the migrations are a classpath location
 * @param classpathLocation  {@code db/migrations} for {@code classpath:db/migrations}, else null
 * @param schema             PostgreSQL schema for the version table, first on the search path; null for the default
 * @param lockTimeout        how long to wait for another runner's lock; null waits as long as it takes
 * @param waitForDatabase    how long to keep retrying a database that does not accept connections yet (zero: once)
 * @param classpath          jars and folders with precompiled Java migrations and what migrations need
 * @param cacheDir           where compiled Java migrations are kept
 * @param arguments          the {@code -x key=value} arguments, for Java migrations and SQL placeholders
 * @param revisionIdStyle    how {@code revision} makes ids: {@code random}, {@code sequential} or {@code timestamp}
 * @param fileTemplate       the file name of a new SQL revision, with {@code <id>} and {@code <slug>}
 * @param notes              how the settings were understood, for {@code -v} (a URL's Python driver part ignored)
 * @param logTable           the applied-migrations log, beside the version table (default: its name + {@code _log})
 * @param ignoreChanged      whether writing commands run although applied migrations' files changed since
 * @param unsetUrl           why there is no database URL ({@code url = "${DATABASE_URL}"} in migrate.toml, with the
 *                           variable not set), or null: then {@link #connection()} refuses, naming the file's line
 */
public record MigrateConfig(ConnectionSettings connection, Path dir, String classpathLocation, String schema,
                            String versionTable, TransactionMode transactionMode, Duration lockTimeout,
                            Duration waitForDatabase, List<Path> classpath, Path cacheDir,
                            Map<String, String> arguments, String revisionIdStyle, String fileTemplate,
                            Map<Setting, String> sources, List<String> notes, String logTable,
                            boolean ignoreChanged, String unsetUrl) {
    public static final String DEFAULT_URL = "jdbc:sqlite:migrate.db";
    public static final String DEFAULT_DIR = "migrations";
    public static final String DEFAULT_VERSION_TABLE = "migrate_version";
    public static final String CLASSPATH_PREFIX = "classpath:";
    public static final String DEFAULT_FILE_TEMPLATE = "<id>_<slug>.sql";
    private static final java.util.Set<String> ID_STYLES = java.util.Set.of("random", "sequential", "timestamp");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public MigrateConfig {
        classpath = List.copyOf(classpath);
        arguments = Map.copyOf(arguments);
        sources = Map.copyOf(sources);
        notes = List.copyOf(notes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where and as whom to connect.
     *
     * @throws UsageException when the URL comes from a migrate.toml {@code ${VARIABLE}} that is not set: the default
     *                        database is never used in its place
     */
    @Override
    public ConnectionSettings connection() {
        if (unsetUrl != null) {
            throw new UsageException("No database URL: " + unsetUrl + ". Set the variable, or give the database with "
                    + "--url (or MIGRATE_URL).");
        }
        return connection;
    }

    /**
     * The command's user and password, for another URL that gives none of its own (--dev-url, --from-url, a fleet
     * target's): null where the URL itself is an unset variable, which refuses only when the database is needed.
     */
    public ConnectionSettings credentials() {
        return unsetUrl != null ? null : connection;
    }

    /** Whether a database URL was configured (not the default, and not an unset variable). */
    public boolean urlConfigured() {
        return unsetUrl == null && !"default".equals(sources.get(Setting.URL));
    }

    /** The version table as SQL names it: {@code schema.table} or {@code table}. */
    public String qualifiedVersionTable() {
        return schema == null ? versionTable : schema + "." + versionTable;
    }

    /** The applied-migrations log as SQL names it: {@code schema.table} or {@code table}. */
    public String qualifiedLogTable() {
        return schema == null ? logTable : schema + "." + logTable;
    }

    /** Where the migrations are, as the user wrote it. */
    public String location() {
        return dir != null ? dir.toString() : CLASSPATH_PREFIX + classpathLocation;
    }

    /** A one-line description for {@code -v}, safe to print: the password never appears. */
    public String summary() {
        return "database " + (unsetUrl != null ? "(not set)" : connection) + ", migrations in " + location() + ", version table "
                + qualifiedVersionTable() + ", transaction mode " + optionText(transactionMode);
    }

    private static String optionText(TransactionMode mode) {
        return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Each setting's effective value as text (passwords masked) and where it came from, for {@code migrate config}. */
    public Map<String, String[]> explain() {
        Map<String, String[]> rows = new LinkedHashMap<>();
        rows.put("url", new String[] {unsetUrl != null ? "(not set: " + unsetUrl + ")" : JdbcUrls.mask(connection.jdbcUrl()),
                sources.get(Setting.URL)});
        rows.put("user", new String[] {connection.user() == null ? "(none)" : connection.user(), sources.get(Setting.USER)});
        rows.put("password", new String[] {connection.password() == null ? "(none)" : "***",
                sources.getOrDefault(Setting.PASSWORD_FILE, "")});
        rows.put("dir", new String[] {location(), sources.get(Setting.DIR)});
        rows.put("version_table", new String[] {versionTable, sources.get(Setting.VERSION_TABLE)});
        rows.put("log_table", new String[] {logTable, sources.get(Setting.LOG_TABLE)});
        rows.put("schema", new String[] {schema == null ? "(none)" : schema, sources.get(Setting.SCHEMA)});
        rows.put("transaction_mode", new String[] {optionText(transactionMode),
                sources.get(Setting.TRANSACTION_MODE)});
        rows.put("lock_timeout", new String[] {lockTimeout == null ? "none (wait until free)"
                : lockTimeout.toSeconds() + " s", sources.get(Setting.LOCK_TIMEOUT)});
        rows.put("wait", new String[] {waitForDatabase.toSeconds() + " s", sources.get(Setting.WAIT)});
        rows.put("classpath", new String[] {classpath.isEmpty() ? "(none)" : classpath.toString(),
                sources.get(Setting.CLASSPATH)});
        rows.put("cache_dir", new String[] {String.valueOf(cacheDir), sources.get(Setting.CACHE_DIR)});
        rows.put("revision_id", new String[] {revisionIdStyle, sources.get(Setting.REVISION_ID)});
        rows.put("file_template", new String[] {fileTemplate, sources.get(Setting.FILE_TEMPLATE)});
        return rows;
    }

    public static final class Builder {
        private final Map<Setting, String> given = new EnumMap<>(Setting.class);
        private String password;
        private Map<String, String> environment = Map.of();
        private ConfigFile file;
        private Map<String, String> arguments = Map.of();
        private boolean externalDataSource;
        private String unsetUrl;
        private boolean ignoreChanged;

        private Builder() {
        }

        /** The connection comes from an application's data source: the URL only matters for messages. */
        public Builder externalDataSource(boolean externalDataSource) {
            this.externalDataSource = externalDataSource;
            return this;
        }

        private Builder set(Setting setting, Object value) {
            if (value == null) {
                given.remove(setting);
            } else {
                given.put(setting, value.toString());
            }
            return this;
        }

        public Builder url(String url) {
            return set(Setting.URL, url);
        }

        public Builder user(String user) {
            return set(Setting.USER, user);
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder passwordFile(Path passwordFile) {
            return set(Setting.PASSWORD_FILE, passwordFile);
        }

        public Builder dir(Path dir) {
            return set(Setting.DIR, dir);
        }

        /** A folder path, or {@code classpath:db/migrations} for migrations inside the application's jar. */
        public Builder location(String location) {
            return set(Setting.DIR, location);
        }

        public Builder schema(String schema) {
            return set(Setting.SCHEMA, schema);
        }

        public Builder versionTable(String versionTable) {
            return set(Setting.VERSION_TABLE, versionTable);
        }

        public Builder logTable(String logTable) {
            return set(Setting.LOG_TABLE, logTable);
        }

        /** Let writing commands run although files of applied migrations changed since they ran. */
        public Builder ignoreChanged(boolean ignoreChanged) {
            this.ignoreChanged = ignoreChanged;
            return this;
        }

        public Builder transactionMode(TransactionMode transactionMode) {
            return set(Setting.TRANSACTION_MODE, transactionMode == null ? null
                    : optionText(transactionMode));
        }

        public Builder lockTimeout(Duration lockTimeout) {
            return set(Setting.LOCK_TIMEOUT, lockTimeout == null ? null : lockTimeout.toSeconds());
        }

        public Builder waitForDatabase(Duration waitForDatabase) {
            return set(Setting.WAIT, waitForDatabase == null ? null : waitForDatabase.toSeconds());
        }

        public Builder classpath(List<Path> classpath) {
            return set(Setting.CLASSPATH, classpath == null || classpath.isEmpty() ? null
                    : String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        }

        public Builder cacheDir(Path cacheDir) {
            return set(Setting.CACHE_DIR, cacheDir);
        }

        public Builder arguments(Map<String, String> arguments) {
            this.arguments = Map.copyOf(arguments);
            return this;
        }

        /** The environment to read settings and {@code PGPASSWORD} from (the CLI passes its own). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** A {@code migrate.toml} read with {@link ConfigFile#read}; its values rank below options and environment. */
        public Builder file(ConfigFile file) {
            this.file = file;
            return this;
        }

        public MigrateConfig build() {
            Map<Setting, String> values = new EnumMap<>(Setting.class);
            Map<Setting, String> sources = new EnumMap<>(Setting.class);
            for (Setting setting : Setting.values()) {
                resolve(setting, values, sources);
            }
            String url = values.getOrDefault(Setting.URL, DEFAULT_URL);
            JdbcUrls.Parsed read = JdbcUrls.read(url);
            ConnectionSettings parsed = read.settings();
            String user = firstNonBlank(values.get(Setting.USER), parsed.user());
            if (!values.containsKey(Setting.USER) && parsed.user() != null) {
                sources.put(Setting.USER, "the url");
            }
            Path passwordFile = values.containsKey(Setting.PASSWORD_FILE) ? Path.of(values.get(Setting.PASSWORD_FILE)) : null;
            String effectivePassword = firstNonBlank(password, readPasswordFile(passwordFile), parsed.password(),
                    parsed.isPostgres() ? environment.get("PGPASSWORD") : null);
            if (password != null) {
                sources.put(Setting.PASSWORD_FILE, "option --password");
            } else if (parsed.password() != null && passwordFile == null) {
                sources.put(Setting.PASSWORD_FILE, "the url");
            } else if (passwordFile == null && effectivePassword != null) {
                sources.put(Setting.PASSWORD_FILE, "environment PGPASSWORD");
            }
            ConnectionSettings connection = new ConnectionSettings(parsed.jdbcUrl(), user, effectivePassword);

            String table = values.getOrDefault(Setting.VERSION_TABLE, DEFAULT_VERSION_TABLE);
            requireIdentifier(table, "Version table name");
            String logTable = values.getOrDefault(Setting.LOG_TABLE, table + "_log");
            requireIdentifier(logTable, "Log table name");
            String schema = values.get(Setting.SCHEMA);
            if (schema != null) {
                requireIdentifier(schema, "Schema name");
                // Not judged from the default URL standing in for an unset ${VARIABLE}: it names no database.
                if (!connection.isPostgres() && !externalDataSource && unsetUrl == null) {
                    throw new UsageException("--schema applies to PostgreSQL only; SQLite has no schemas "
                            + "(use a separate database file instead).");
                }
            }
            String location = values.getOrDefault(Setting.DIR, DEFAULT_DIR);
            Path dir = null;
            String classpathLocation = null;
            if (location.startsWith(CLASSPATH_PREFIX)) {
                classpathLocation = location.substring(CLASSPATH_PREFIX.length()).replaceAll("^/+|/+$", "");
            } else {
                dir = Path.of(location);
            }
            TransactionMode mode = values.containsKey(Setting.TRANSACTION_MODE)
                    ? TransactionMode.parse(values.get(Setting.TRANSACTION_MODE)) : TransactionMode.PER_MIGRATION;
            Duration lockTimeout = values.containsKey(Setting.LOCK_TIMEOUT)
                    ? seconds(values.get(Setting.LOCK_TIMEOUT), Setting.LOCK_TIMEOUT, sources) : null;
            Duration wait = values.containsKey(Setting.WAIT)
                    ? seconds(values.get(Setting.WAIT), Setting.WAIT, sources) : Duration.ZERO;
            List<Path> classpath = values.containsKey(Setting.CLASSPATH)
                    ? Arrays.stream(values.get(Setting.CLASSPATH).split(File.pathSeparator))
                    .filter(s -> !s.isBlank()).map(Path::of).toList() : List.of();
            Path cacheDir = values.containsKey(Setting.CACHE_DIR) ? Path.of(values.get(Setting.CACHE_DIR))
                    : defaultCacheDir(dir);
            String idStyle = values.getOrDefault(Setting.REVISION_ID, "random");
            if (!ID_STYLES.contains(idStyle)) {
                throw new UsageException("revision_id must be random, sequential or timestamp, not '" + idStyle
                        + "' (from " + sources.get(Setting.REVISION_ID) + ").");
            }
            String template = values.getOrDefault(Setting.FILE_TEMPLATE, DEFAULT_FILE_TEMPLATE);
            if (!template.contains("<id>") || !template.endsWith(".sql")) {
                throw new UsageException("file_template must contain <id> and end with .sql, not '" + template
                        + "' (from " + sources.get(Setting.FILE_TEMPLATE) + ").");
            }
            return new MigrateConfig(connection, dir, classpathLocation, schema, table, mode, lockTimeout, wait,
                    classpath, cacheDir, arguments, idStyle, template, sources, read.notes(), logTable, ignoreChanged,
                    unsetUrl);
        }

        /** {@code .migrate/cache} beside the migrations folder (in the folder above it). */
        private static Path defaultCacheDir(Path dir) {
            Path base = dir == null ? Path.of("") : dir.toAbsolutePath().normalize().getParent();
            return (base == null ? Path.of("") : base).resolve(".migrate").resolve("cache");
        }

        private void resolve(Setting setting, Map<Setting, String> values, Map<Setting, String> sources) {
            String option = given.get(setting);
            if (option != null && !option.isBlank()) {
                values.put(setting, option);
                sources.put(setting, "option " + setting.option());
                return;
            }
            for (String name : setting.environment()) {
                String value = environment.get(name);
                if (value != null && !value.isBlank()) {
                    values.put(setting, value);
                    sources.put(setting, "environment " + name);
                    return;
                }
            }
            ConfigFile.Entry entry = file == null ? null : file.get(setting);
            if (entry != null && entry.unset() != null) {
                unsetUrl = entry.unset();
                sources.put(setting, file.path() + ":" + entry.line());
                return;
            }
            if (entry != null) {
                values.put(setting, entry.value());
                sources.put(setting, file.path() + ":" + entry.line());
                return;
            }
            sources.put(setting, "default");
        }

        private static Duration seconds(String text, Setting setting, Map<Setting, String> sources) {
            try {
                long value = Long.parseLong(text.trim());
                if (value >= 0) {
                    return Duration.ofSeconds(value);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new UsageException(setting.key() + " must be a whole number of seconds, 0 or more, not '" + text
                    + "' (from " + sources.get(setting) + ").");
        }

        private static String readPasswordFile(Path passwordFile) {
            if (passwordFile == null) {
                return null;
            }
            try {
                // Only the first line: files written by `echo` end with a newline that is not part of the password.
                String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
                int end = text.indexOf('\n');
                return (end < 0 ? text : text.substring(0, end)).replace("\r", "");
            } catch (IOException e) {
                throw new UsageException("Cannot read the password file " + passwordFile + ": " + IoReasons.reason(e)
                        + ".", e);
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

    /** Parses {@code -x key=value} arguments. */
    public static Map<String, String> parseArguments(List<String> pairs) {
        Map<String, String> arguments = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("-x takes key=value, not '" + pair + "'.");
            }
            arguments.put(pair.substring(0, equals).trim(), pair.substring(equals + 1));
        }
        return arguments;
    }
}
