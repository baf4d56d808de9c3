package dev.migrate.api;

import java.nio.file.Path;

/**
 * What {@code migrate import} is asked to do: convert {@code source}, a folder of another tool ({@code tool}: flyway,
 * golang-migrate, dbmate, goose, diesel or sqitch), into native files in the configured migrations folder; and, with
 * {@code stampFromHistory}, read that tool's history table in the configured database and stamp the revision it
 * records. {@code historyTable} overrides the tool's default table name (null: the default).
 */
public record ImportRequest(String tool, Path source, boolean stampFromHistory, String historyTable) {
}
