package dev.migrate;

import dev.migrate.config.ConnectionSettings;
import dev.migrate.db.Dialect;
import dev.migrate.db.VersionTable;

import java.sql.Connection;

/** One command's connection and what goes with it: the database's dialect and its version table. */
record Session(Connection connection, Dialect dialect, ConnectionSettings settings, VersionTable versionTable) {
}
