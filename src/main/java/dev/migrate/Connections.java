package dev.migrate;

import dev.migrate.api.DatabaseException;
import dev.migrate.api.MigrationListener;
import dev.migrate.config.ConnectionSettings;
import dev.migrate.config.MigrateConfig;
import dev.migrate.db.DataSources;
import dev.migrate.db.DatabaseErrors;
import dev.migrate.db.Dialect;
import dev.migrate.db.MigrationTables;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Opens the one connection a command uses: from the configured URL (retrying for {@code --wait}), or from an
 * application's own {@link DataSource}, which it borrows and returns exactly as it came.
 */
final class Connections {
    private final MigrateConfig config;
    private final MigrationListener listener;
    private final DataSource external;

    Connections(MigrateConfig config, MigrationListener listener, DataSource external) {
        this.config = config;
        this.listener = listener;
        this.external = external;
    }

    /**
     * False only when connecting would have to create the database (a SQLite file that is not there): commands then
     * decide what to do before anything exists, and reading commands leave no file behind.
     */
    boolean databaseExists() {
        return external != null || Dialect.of(config.connection()).databaseExists(config.connection());
    }

    /** Where the configured database is, for messages. */
    String where() {
        return external != null ? "the application's data source" : Dialect.of(config.connection()).location(config.connection());
    }

    /** A database error outside a migration, with its cause's remedy. */
    DatabaseException error(SQLException e) {
        return new DatabaseException(DatabaseErrors.explain("Database error on " + where(), e, config.connection()), e);
    }

    /** The rows, for commands that only read: nothing is created, and a missing SQLite file reads as no rows. */
    List<String> readRows() {
        if (!databaseExists()) {
            return List.of();
        }
        try (Session session = open()) {
            return session.rows();
        } catch (SQLException e) {
            throw error(e);
        }
    }

    /** Opens (or borrows) the command's connection, with the session prepared for {@code --schema}. */
    Session open() {
        return external != null ? borrow() : connect(config.waitForDatabase());
    }

    /**
     * The rows, read at once or not at all: for a mark beside what a command shows from the files ({@code show}),
     * which must not wait out --wait for a database that is down. Empty where it cannot be read.
     */
    List<String> rowsIfReadableNow() {
        if (!databaseExists()) {
            return List.of();
        }
        try (Session session = external != null ? borrow() : connect(Duration.ZERO)) {
            return session.rows();
        } catch (SQLException | DatabaseException unreadable) {
            return List.of();
        }
    }

    private Session connect(Duration wait) {
        Dialect dialect = Dialect.of(config.connection());
        String where = dialect.location(config.connection());
        Consumer<String> onWait = reason -> listener.waiting("Waiting up to " + config.waitForDatabase().toSeconds()
                + " s for " + where + " to accept connections (" + reason + ")...");
        DataSources.CommandDataSource source = DataSources.forCommand(config.connection(), dialect, wait, onWait);
        Connection connection;
        try {
            connection = source.dataSource().getConnection();
        } catch (SQLException e) {
            closeQuietly(source);
            throw DataSources.cannotConnect(config.connection(), dialect, e, Duration.ZERO, false);
        }
        try {
            dialect.prepareSession(connection, config.schema());
        } catch (SQLException e) {
            closeQuietly(connection);
            closeQuietly(source);
            throw new DatabaseException(DatabaseErrors.explain("Cannot prepare the session on " + where, e,
                    config.connection()), e);
        }
        return session(connection, dialect, config.connection(), where, () -> {
            try (source; connection) {
                // closes the connection, then the pool
            }
        });
    }

    /** An application's data source: its dialect is read from the connection, which is returned as it came. */
    private Session borrow() {
        Connection connection;
        try {
            connection = external.getConnection();
        } catch (SQLException e) {
            throw new DatabaseException("Cannot use the application's data source: " + e.getMessage(), e);
        }
        try {
            ConnectionSettings settings = new ConnectionSettings(connection.getMetaData().getURL(), null, null);
            Dialect dialect;
            try {
                dialect = Dialect.of(settings);
            } catch (IllegalArgumentException e) {
                throw new DatabaseException("The data source connects to " + connection.getMetaData()
                        .getDatabaseProductName() + "; migrate supports SQLite and PostgreSQL.");
            }
            // Everything the command may change on the connection, so that it goes back to the pool as it came.
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            String searchPath = config.schema() == null ? null : dialect.searchPath(connection);
            connection.setAutoCommit(true);
            dialect.prepareSession(connection, config.schema());
            return session(connection, dialect, settings, dialect.location(settings), () -> {
                try (connection) {
                    if (!connection.getAutoCommit()) {
                        connection.rollback(); // never hand back an open transaction of ours
                    }
                    if (searchPath != null) {
                        dialect.restoreSearchPath(connection, searchPath);
                    }
                    connection.setTransactionIsolation(isolation);
                    connection.setAutoCommit(autoCommit);
                }
            });
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
            if (e instanceof DatabaseException database) {
                throw database;
            }
            throw new DatabaseException("Cannot use the application's data source: " + e.getMessage(), e);
        }
    }

    private Session session(Connection connection, Dialect dialect, ConnectionSettings settings, String where,
                            AutoCloseable release) {
        // Named with their schema from the start, so a migration's SET search_path cannot lose them.
        String tablesSchema;
        try {
            tablesSchema = config.schema() != null ? config.schema()
                    : dialect.tableSchema(connection, config.versionTable());
        } catch (SQLException e) {
            tablesSchema = null; // unqualified, as configured: the first statement on them will say what is wrong
        }
        MigrationTables tables = MigrationTables.of(dialect, tablesSchema, config.versionTable(), config.logTable());
        return new Session(connection, dialect, settings, tables, config.schema(), where, release);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception ignored) {
            // Already failing; the first error is the one to report.
        }
    }
}
