package dev.migrate;

import dev.migrate.api.DatabaseException;
import dev.migrate.api.MigrateException;
import dev.migrate.api.MigrationListener;
import dev.migrate.config.ConnectionSettings;
import dev.migrate.config.MigrateConfig;
import dev.migrate.db.CommandLock;
import dev.migrate.db.DataSources;
import dev.migrate.db.Dialect;
import dev.migrate.db.VersionTable;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Opens the one connection a command uses: from the configured URL (retrying for {@code --wait}), or from an
 * application's own {@link DataSource}, which it borrows and never closes. Writing commands hold the command lock.
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

    @FunctionalInterface
    interface Work<T> {
        T apply(Session session) throws SQLException;
    }

    /** The version table's rows; never creates the table, nor (on SQLite) the database file. */
    List<String> readCurrent() {
        if (external == null && !Dialect.of(config.connection()).databaseExists(config.connection())) {
            return List.of();
        }
        return read(session -> session.versionTable().read(session.connection()));
    }

    <T> T read(Work<T> work) {
        return open(work);
    }

    /** For commands that write: the command's lock is held throughout, and the schema is created if needed. */
    <T> T write(Work<T> work) {
        return open(session -> {
            String table = config.qualifiedVersionTable();
            try (CommandLock lock = session.dialect().lock(session.connection(), session.settings(), table,
                    config.lockTimeout(), () -> listener.waiting("Waiting for another migrate command on this "
                            + "database to finish (it holds the migration lock"
                            + (config.lockTimeout() == null ? ")..." : "; giving up after "
                            + config.lockTimeout().toSeconds() + " s)...")))) {
                // Whatever ran while we waited is in the version table now: the work reads it after the lock.
                session.dialect().createSchema(session.connection(), config.schema());
                return work.apply(session);
            }
        });
    }

    private <T> T open(Work<T> work) {
        if (external != null) {
            return borrow(work);
        }
        Dialect dialect = Dialect.of(config.connection());
        String where = dialect.location(config.connection());
        Consumer<String> onWait = reason -> listener.waiting("Waiting up to " + config.waitForDatabase().toSeconds()
                + " s for " + where + " to accept connections (" + reason + ")...");
        try (DataSources.CommandDataSource source = DataSources.forCommand(config.connection(), dialect,
                config.waitForDatabase(), onWait)) {
            Connection connection;
            try {
                connection = source.dataSource().getConnection();
            } catch (SQLException e) {
                throw new DatabaseException("Cannot connect to " + where + ": " + e.getMessage(), e);
            }
            try (connection) {
                return run(work, new Session(connection, dialect, config.connection(), versionTable(dialect)), where);
            }
        } catch (MigrateException e) {
            throw e;
        } catch (Exception e) {
            throw new DatabaseException("Cannot close the connection to " + where + ": " + e.getMessage(), e);
        }
    }

    /** An application's data source: its dialect is read from the connection; the connection is closed, not the pool. */
    private <T> T borrow(Work<T> work) {
        try (Connection connection = external.getConnection()) {
            ConnectionSettings settings = new ConnectionSettings(connection.getMetaData().getURL(), null, null);
            Dialect dialect;
            try {
                dialect = Dialect.of(settings);
            } catch (IllegalArgumentException e) {
                throw new DatabaseException("The data source connects to " + connection.getMetaData()
                        .getDatabaseProductName() + "; migrate supports SQLite and PostgreSQL.");
            }
            boolean autoCommit = connection.getAutoCommit();
            try {
                connection.setAutoCommit(true);
                return run(work, new Session(connection, dialect, settings, versionTable(dialect)),
                        dialect.location(settings));
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DatabaseException("Cannot use the application's data source: " + e.getMessage(), e);
        }
    }

    private VersionTable versionTable(Dialect dialect) {
        return new VersionTable(dialect, config.qualifiedVersionTable());
    }

    private <T> T run(Work<T> work, Session session, String where) {
        try {
            session.dialect().prepareSession(session.connection(), config.schema());
            return work.apply(session);
        } catch (SQLException e) {
            throw new DatabaseException("Database error on " + where + ": " + e.getMessage(), e);
        }
    }
}
