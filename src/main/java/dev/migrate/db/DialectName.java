package dev.migrate.db;

/** The databases by name, as {@code --dialect} takes them (picocli converts the option, case-insensitively). */
public enum DialectName {
    SQLITE, POSTGRESQL;

    public Dialect dialect() {
        return this == SQLITE ? new SqliteDialect() : new PostgresDialect();
    }
}
