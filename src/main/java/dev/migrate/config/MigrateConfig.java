package dev.migrate.config;

import dev.migrate.api.UsageException;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The frozen effective configuration of one command. Build it with {@link #builder()}; values not given fall back
 * to the environment ({@code MIGRATE_URL}, then {@code DATABASE_URL}) and then to the defaults.
 */
public record MigrateConfig(ConnectionSettings connection, Path dir, String versionTable) {
    public static final String DEFAULT_URL = "jdbc:sqlite:migrate.db";
    public static final String DEFAULT_DIR = "migrations";
    public static final String DEFAULT_VERSION_TABLE = "migrate_version";
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String url;
        private Path dir;
        private String versionTable;
        private Map<String, String> environment = Map.of();

        private Builder() {
        }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder dir(Path dir) {
            this.dir = dir;
            return this;
        }

        public Builder versionTable(String versionTable) {
            this.versionTable = versionTable;
            return this;
        }

        /** The environment to read {@code MIGRATE_URL} and {@code DATABASE_URL} from (the CLI passes its own). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public MigrateConfig build() {
            String effectiveUrl = firstNonBlank(url, environment.get("MIGRATE_URL"), environment.get("DATABASE_URL"),
                    DEFAULT_URL);
            String table = versionTable == null ? DEFAULT_VERSION_TABLE : versionTable;
            if (!IDENTIFIER.matcher(table).matches()) {
                throw new UsageException("Version table name '" + table + "' is not a plain SQL identifier "
                        + "(letters, digits and '_', starting with a letter or '_').");
            }
            return new MigrateConfig(JdbcUrls.parse(effectiveUrl), dir == null ? Path.of(DEFAULT_DIR) : dir, table);
        }

        private static String firstNonBlank(String... values) {
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    return value;
                }
            }
            throw new IllegalStateException("no default");
        }
    }
}
