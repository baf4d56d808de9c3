package dev.migrate.sql;

/** One SQL statement, without its terminating semicolon, and the line of the file it starts on. */
public record Statement(String sql, int line) {
}
