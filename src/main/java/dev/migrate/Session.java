package dev.migrate;

import dev.migrate.api.DatabaseException;
import dev.migrate.api.MigrationListener;
import dev.migrate.config.ConnectionSettings;
import dev.migrate.db.CommandLock;
import dev.migrate.db.Dialect;
import dev.migrate.db.ProgressTable;
import dev.migrate.db.VersionTable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One command's connection and what goes with it: the database's dialect, its version table and where it is (for
 * messages). Closing the session closes a connection the command opened, or returns an application's connection
 * exactly as it was borrowed.
 */
final class Session implements AutoCloseable {
    private final Connection connection;
    private final Dialect dialect;
    private final ConnectionSettings settings;
    private final VersionTable versionTable;
    private final ProgressTable progressTable;
    private final String schemaName;
    private final String where;
    private final AutoCloseable release;

    Session(Connection connection, Dialect dialect, ConnectionSettings settings, VersionTable versionTable,
            ProgressTable progressTable, String schemaName, String where, AutoCloseable release) {
        this.schemaName = schemaName;
        this.connection = connection;
        this.dialect = dialect;
        this.settings = settings;
        this.versionTable = versionTable;
        this.progressTable = progressTable;
        this.where = where;
        this.release = release;
    }

    Connection connection() {
        return connection;
    }

    Dialect dialect() {
        return dialect;
    }

    VersionTable versionTable() {
        return versionTable;
    }

    ProgressTable progressTable() {
        return progressTable;
    }

    /** Where the database is, for messages: never a password. */
    String where() {
        return where;
    }

    /** The version table's rows; reading never creates the table. */
    List<String> rows() throws SQLException {
        return versionTable.read(connection);
    }

    /**
     * Takes the command lock for the rest of the command. Whatever another runner applied while we waited is in the
     * version table once we hold it, so callers read the rows again after this.
     */
    CommandLock lock(Duration timeout, MigrationListener listener) throws SQLException {
        return dialect.lock(connection, settings, versionTable.name(), timeout,
                () -> listener.waiting("Waiting for another migrate command on this database to finish (it holds "
                        + "the migration lock" + (timeout == null ? ")..." : "; giving up after "
                        + timeout.toSeconds() + " s)...")));
    }

    /**
     * The first write of a command: the schema and the version table, if they do not exist yet. Only then: a user
     * that may write the version table need not be allowed to create anything in its schema.
     */
    void createVersionTable(String schema) throws SQLException {
        if (!versionTableExists()) {
            dialect.createSchema(connection, schema);
            versionTable.create(connection);
        }
    }

    /** Whether the version table exists yet. */
    boolean versionTableExists() throws SQLException {
        return dialect.tableExists(connection, versionTable.name());
    }

    /**
     * The tables of the schema migrate works in, other than its own: a database with tables and no version table was
     * built by other means (an ORM's create_all, another migration tool), and the user should hear so.
     */
    List<String> otherTables() throws SQLException {
        String schema = schemaName != null ? schemaName : connection.getSchema();
        String ownTable = unqualified(versionTable.name());
        String ownProgress = unqualified(progressTable.name());
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = connection.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String name = rows.getString("TABLE_NAME");
                if (!name.equalsIgnoreCase(ownTable) && !name.equalsIgnoreCase(ownProgress)
                        && !name.toLowerCase(Locale.ROOT).startsWith("sqlite_")) {
                    tables.add(name);
                }
            }
        }
        tables.sort(null);
        return tables;
    }

    private static String unqualified(String table) {
        return table.substring(table.lastIndexOf('.') + 1);
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
