package dev.migrate.config;

import java.util.List;

/**
 * Every configurable value, with its name in each place it can come from. Precedence, highest first: command-line
 * option (or the Java API's builder), environment variable, {@code migrate.toml}, default.
 */
public enum Setting {
    URL("url", "--url", List.of("MIGRATE_URL", "DATABASE_URL")),
    USER("user", "--user", List.of("MIGRATE_USER")),
    PASSWORD_FILE("password_file", "--password-file", List.of("MIGRATE_PASSWORD_FILE")),
    DIR("dir", "--dir", List.of("MIGRATE_DIR")),
    VERSION_TABLE("version_table", "--version-table", List.of("MIGRATE_VERSION_TABLE")),
    LOG_TABLE("log_table", "--log-table", List.of("MIGRATE_LOG_TABLE")),
    SCHEMA("schema", "--schema", List.of("MIGRATE_SCHEMA")),
    TRANSACTION_MODE("transaction_mode", "--transaction-mode", List.of("MIGRATE_TRANSACTION_MODE")),
    LOCK_TIMEOUT("lock_timeout", "--lock-timeout", List.of("MIGRATE_LOCK_TIMEOUT")),
    WAIT("wait", "--wait", List.of("MIGRATE_WAIT")),
    CLASSPATH("classpath", "--classpath", List.of("MIGRATE_CLASSPATH")),
    CACHE_DIR("cache_dir", "--cache-dir", List.of("MIGRATE_CACHE_DIR")),
    REVISION_ID("revision_id", "(migrate.toml only)", List.of("MIGRATE_REVISION_ID")),
    FILE_TEMPLATE("file_template", "(migrate.toml only)", List.of("MIGRATE_FILE_TEMPLATE"));

    private final String key;
    private final String option;
    private final List<String> environment;

    Setting(String key, String option, List<String> environment) {
        this.key = key;
        this.option = option;
        this.environment = environment;
    }

    /** The key in {@code migrate.toml}. */
    public String key() {
        return key;
    }

    public String option() {
        return option;
    }

    /** Environment variables read for it, in order. */
    public List<String> environment() {
        return environment;
    }

    public static Setting forKey(String key) {
        for (Setting setting : values()) {
            if (setting.key.equals(key)) {
                return setting;
            }
        }
        return null;
    }

    public static List<String> keys() {
        return java.util.Arrays.stream(values()).map(Setting::key).toList();
    }
}
