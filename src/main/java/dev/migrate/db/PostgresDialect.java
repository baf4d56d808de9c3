package dev.migrate.db;

import dev.migrate.config.ConnectionSettings;
import dev.migrate.sql.SqlFlavor;
import org.postgresql.Driver;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

public final class PostgresDialect implements Dialect {
    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public SqlFlavor flavor() {
        return SqlFlavor.POSTGRESQL;
    }

    @Override
    public String location(ConnectionSettings settings) {
        Properties parsed = Driver.parseURL(settings.jdbcUrl(), new Properties());
        if (parsed == null) {
            return settings.toString();
        }
        return "PostgreSQL at " + parsed.getProperty("PGHOST", "localhost") + ":" + parsed.getProperty("PGPORT", "5432")
                + " (database " + parsed.getProperty("PGDBNAME", "?") + ")";
    }

    @Override
    public boolean tableExists(Connection connection, String table) throws SQLException {
        // to_regclass follows the search path, as the unqualified statements on the table do.
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    @Override
    public List<String> schemaStatements(String schema, boolean create) {
        if (schema == null) {
            return List.of();
        }
        // The schema name is a validated plain identifier, so it can be spliced in as it is.
        String searchPath = "SELECT set_config('search_path', '" + schema + ", ' || current_setting('search_path'), false)";
        return create ? List.of("CREATE SCHEMA IF NOT EXISTS " + schema) : List.of(searchPath);
    }

    @Override
    public String scriptHint() {
        return "run with: psql -v ON_ERROR_STOP=1 -f FILE";
    }

    /**
     * A session-level advisory lock keyed by the qualified version table, so runners on different version tables of
     * one database don't block each other. The server releases it if the process dies.
     */
    @Override
    public CommandLock lock(Connection connection, ConnectionSettings settings, String versionTable, Duration timeout,
                            Runnable onWait) throws SQLException {
        long key = lockKey(versionTable);
        boolean taken = Polling.until(() -> tryLock(connection, key), timeout, onWait);
        if (!taken) {
            throw new LockTimeoutException(timeout, "on " + versionTable + " (advisory lock " + key + " in pg_locks)");
        }
        return () -> {
            try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, key);
                unlock.execute();
            } catch (SQLException ignored) {
                // The lock dies with the session, which is closing anyway.
            }
        };
    }

    private static boolean tryLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet rows = lock.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    /** FNV-1a over "migrate:" and the qualified table name: stable across versions and processes. */
    public static long lockKey(String versionTable) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : ("migrate:" + versionTable.toLowerCase()).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    @Override
    public String describe(SQLWarning warning) {
        if (warning instanceof PSQLWarning server) {
            ServerErrorMessage message = server.getServerErrorMessage();
            if (message != null && message.getSeverity() != null) {
                return message.getSeverity() + ": " + message.getMessage();
            }
        }
        return "WARNING: " + warning.getMessage();
    }
    @Override
    public String searchPath(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT current_setting('search_path')");
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    @Override
    public void restoreSearchPath(Connection connection, String searchPath) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config('search_path', ?, false)")) {
            set.setString(1, searchPath);
            set.execute();
        }
    }

    /** The driver tracks the server's transaction status from every reply, so asking costs no round trip. */
    @Override
    public boolean transactionOpen(Connection connection) throws SQLException {
        return connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.OPEN;
    }
}
