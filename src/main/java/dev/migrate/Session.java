package dev.migrate;

import dev.migrate.api.DatabaseException;
import dev.migrate.api.MigrationListener;
import dev.migrate.config.ConnectionSettings;
import dev.migrate.db.CommandLock;
import dev.migrate.db.Dialect;
import dev.migrate.db.MigrationLog;
import dev.migrate.db.MigrationTables;
import dev.migrate.db.ProgressTable;
import dev.migrate.engine.Executor;
import dev.migrate.source.Migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One command's connection and what goes with it: the database's dialect, its version table and where it is (for
 * messages). Closing the session closes a connection the command opened, or returns an application's connection
 * exactly as it was borrowed.
 */
final class Session implements AutoCloseable {
    private final Connection connection;
    private final Dialect dialect;
    private final ConnectionSettings settings;
    private final MigrationTables tables;
    private final String schemaName;
    private final String where;
    private final AutoCloseable release;
    /** Whether taking the lock meant waiting for another command: the files may have changed meanwhile. */
    private boolean waitedForLock;

    Session(Connection connection, Dialect dialect, ConnectionSettings settings, MigrationTables tables,
            String schemaName, String where, AutoCloseable release) {
        this.schemaName = schemaName;
        this.connection = connection;
        this.dialect = dialect;
        this.settings = settings;
        this.tables = tables;
        this.where = where;
        this.release = release;
    }

    Connection connection() {
        return connection;
    }

    Dialect dialect() {
        return dialect;
    }

    MigrationTables tables() {
        return tables;
    }

    /** Where the database is, for messages: never a password. */
    String where() {
        return where;
    }

    /** The version table's rows; reading never creates the table. */
    List<String> rows() throws SQLException {
        return tables.versionTable().read(connection);
    }

    /** The revisions of {@code transaction: false} migrations an earlier run left unfinished (the progress table). */
    List<String> unfinished() throws SQLException {
        return tables.progress().read(connection).stream().map(ProgressTable.Entry::revision).toList();
    }

    /**
     * Takes the command lock for the rest of the command. Whatever another runner applied while we waited is in the
     * version table once we hold it, so callers read the rows again after this.
     */
    CommandLock lock(Duration timeout, MigrationListener listener) throws SQLException {
        return dialect.lock(connection, settings, tables.versionTable().name(), timeout, () -> {
            waitedForLock = true;
            listener.waiting("Waiting for another migrate command on this database to finish (it holds the "
                    + "migration lock" + (timeout == null ? ")..." : "; giving up after " + timeout.toSeconds()
                    + " s)..."));
        });
    }

    /** Whether {@link #lock} had to wait for another command. */
    boolean waitedForLock() {
        return waitedForLock;
    }

    /**
     * The first write of a command: the schema and migrate's tables, if they do not exist yet. Only then: a user
     * that may write the version table need not be allowed to create anything in its schema.
     */
    void createTables(String schema) throws SQLException {
        boolean exists = versionTableExists();
        if (!exists) {
            dialect.createSchema(connection, schema);
        }
        tables.create(connection, exists);
    }

    /** Whether the version table exists yet. */
    boolean versionTableExists() throws SQLException {
        return tables.versionTable().exists(connection);
    }

    /**
     * The tables of the schema migrate works in, other than its own: a database with tables and no version table was
     * built by other means (an ORM's create_all, another migration tool), and the user should hear so.
     */
    List<String> otherTables() throws SQLException {
        String schema = schemaName != null ? schemaName : connection.getSchema();
        List<String> found = new ArrayList<>();
        try (ResultSet rows = connection.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String name = rows.getString("TABLE_NAME");
                if (!tables.owns(name) && !name.toLowerCase(Locale.ROOT).startsWith("sqlite_")) {
                    found.add(name);
                }
            }
        }
        found.sort(null);
        return found;
    }

    /** The applied-migrations log, oldest first; empty when the table does not exist yet. */
    List<MigrationLog.Entry> log() throws SQLException {
        return tables.log().read(connection);
    }

    /** The executor for planned steps on this session's connection and tables. */
    Executor executor(Map<String, Migration> byId, MigrationListener listener, Map<String, String> arguments) {
        return new Executor(connection, dialect, tables, byId, listener, arguments);
    }

    /** Closes our connection, or returns the application's as it came. */
    @Override
    public void close() {
        try {
            release.close();
        } catch (Exception e) {
            throw new DatabaseException("Cannot close the connection to " + where + ": " + e.getMessage(), e);
        }
    }
}
