package dev.migrate.cli;

/** What {@code --format} takes; picocli converts the option, case-insensitively. */
enum OutputFormat {
    TEXT, JSON
}
