package dev.migrate.db;

import dev.migrate.config.ConnectionSettings;
import dev.migrate.sql.SqlFlavor;
import org.postgresql.Driver;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLWarning;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

public final class PostgresDialect implements Dialect {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDialect.class);

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
        // An application's data source may report a URL with ";password=..." glued to the database name.
        String database = parsed.getProperty("PGDBNAME", "?");
        int semicolon = database.indexOf(';');
        return "PostgreSQL at " + parsed.getProperty("PGHOST", "localhost") + ":" + parsed.getProperty("PGPORT", "5432")
                + " (database " + (semicolon < 0 ? database : database.substring(0, semicolon)) + ")";
    }

    /**
     * Lower-cased, then quoted: {@code MyTable} is the table {@code mytable}, as it was when names were spliced in
     * unquoted, so existing version tables are found; {@code user} and {@code order} become legal.
     */
    @Override
    public String quote(String identifier) {
        return '"' + identifier.toLowerCase(Locale.ROOT) + '"';
    }

    @Override
    public boolean tableExists(Connection connection, String table) throws SQLException {
        // to_regclass follows the search path, as the unqualified statements on the table do. It parses its
        // argument as SQL text, so it needs the quoted name: to_regclass('user') would be a syntax error.
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            query.setString(1, quoteQualified(table));
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
        // The schema name is a validated plain identifier, so its quoted form can be spliced in as it is (also
        // inside the string literal: it has no quote of its own).
        String searchPath = "SELECT set_config('search_path', '" + quote(schema)
                + ", ' || current_setting('search_path'), false)";
        return create ? List.of("CREATE SCHEMA IF NOT EXISTS " + quote(schema)) : List.of(searchPath);
    }

    @Override
    public String scriptHint() {
        return "run with: psql -v ON_ERROR_STOP=1 -f FILE";
    }

    /**
     * A session-level advisory lock keyed by the version table as the server resolves it (schema included, the
     * session's {@code current_schema()} when none is configured), so runners on different version tables of one
     * database don't block each other, and {@code public.migrate_version} and {@code migrate_version} (with public
     * first on the search path) are one lock. The server releases it if the process dies.
     */
    @Override
    public CommandLock lock(Connection connection, ConnectionSettings settings, String versionTable, Duration timeout,
                            Runnable onWait) throws SQLException {
        String table = resolve(connection, versionTable);
        long key = lockKey(table);
        LOG.debug("Taking the migration lock on {}: advisory lock {} (pg_locks: classid {}, objid {}, objsubid 1)",
                table, key, Integer.toUnsignedString((int) (key >>> 32)), Integer.toUnsignedString((int) key));
        boolean taken = Polling.until(() -> tryLock(connection, key), timeout, onWait);
        if (!taken) {
            throw new LockTimeoutException(timeout, "on " + table + " (a PostgreSQL advisory lock)",
                    holderDetails(connection, key));
        }
        return () -> {
            try {
                unlock(connection, key);
            } catch (SQLException first) {
                // An aborted transaction refuses every statement, the unlock too. A borrowed connection goes back to
                // its pool and lives on, so the lock must not stay with it: end the transaction, then unlock.
                try {
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                    }
                    unlock(connection, key);
                } catch (SQLException ignored) {
                    // The connection is unusable; its session, and the lock with it, ends when it is closed.
                }
            }
        };
    }

    /**
     * {@code schema.table} in lower case: the configured schema; else the schema of the table the search path finds
     * (two users whose search paths differ still share the lock of the one table they both write); else, before the
     * table exists, the schema it will be created in.
     */
    private String resolve(Connection connection, String versionTable) throws SQLException {
        if (versionTable.indexOf('.') >= 0) {
            return versionTable.toLowerCase(Locale.ROOT);
        }
        String schema = tableSchema(connection, versionTable);
        // No schema on the search path exists: the table cannot be created either, and the command will say so.
        return (schema == null ? "" : schema + ".") + versionTable.toLowerCase(Locale.ROOT);
    }

    @Override
    public String tableSchema(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT n.nspname FROM pg_class c JOIN "
                + "pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)")) {
            query.setString(1, quoteQualified(table));
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    return rows.getString(1);
                }
            }
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT current_schema()");
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /**
     * How to find the holder. {@code pg_locks} shows a bigint advisory key as {@code classid} (its high 32 bits) and
     * {@code objid} (its low 32 bits), both unsigned, with {@code objsubid = 1}.
     */
    private static String holderDetails(Connection connection, long key) {
        String classid = Integer.toUnsignedString((int) (key >>> 32));
        String objid = Integer.toUnsignedString((int) key);
        // Advisory keys are per database: the same key in another database of the server is another lock.
        String locks = "FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE "
                + "datname = current_database()) AND classid = " + classid + " AND objid = " + objid
                + " AND objsubid = 1 AND granted";
        StringBuilder details = new StringBuilder();
        try (PreparedStatement query = connection.prepareStatement("SELECT pid " + locks);
             ResultSet rows = query.executeQuery()) {
            List<String> pids = new ArrayList<>();
            while (rows.next()) {
                pids.add(rows.getString(1));
            }
            if (!pids.isEmpty()) {
                details.append("It is held by server process ").append(String.join(", ", pids)).append(". ");
            }
        } catch (SQLException e) {
            // Only a hint; the query below finds the holder too.
        }
        return details.append("To see who holds it: SELECT pid, usename, application_name, client_addr, state, ")
                .append("query_start FROM pg_stat_activity WHERE pid IN (SELECT pid ").append(locks).append(");")
                .toString();
    }
    private static void unlock(Connection connection, long key) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
            unlock.execute();
        }
    }

    private static boolean tryLock(Connection connection, long key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, key);
            try (ResultSet rows = lock.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    /**
     * FNV-1a over "migrate:" and the qualified table name, {@code schema.table}: stable across processes, locales
     * and versions of migrate.
     */
    public static long lockKey(String versionTable) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : ("migrate:" + versionTable.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    @Override
    public String noticeText(SQLWarning warning) {
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
        // FAILED (a statement failed) is still the same transaction: only IDLE means it ended.
        return connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
    }

    /** pgjdbc sends a batch's statements back to back and reads the replies after: one round trip. */
    @Override
    public boolean sendsBatchesInOneRoundTrip() {
        return true;
    }

    @Override
    public boolean noSuchSavepoint(SQLException e) {
        return "3B001".equals(e.getSQLState()); // invalid_savepoint_specification
    }

    @Override
    public boolean transactionFailed(Connection connection) throws SQLException {
        return connection.unwrap(BaseConnection.class).getTransactionState() == TransactionState.FAILED;
    }

    /**
     * An escape-string literal when the value holds a backslash, so it means the same whatever the server's
     * {@code standard_conforming_strings}.
     */
    @Override
    public String stringLiteral(String value) {
        if (value == null || value.indexOf('\\') < 0) {
            return Dialect.super.stringLiteral(value);
        }
        return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public String nowIsoExpression() {
        return "to_char(CURRENT_TIMESTAMP AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
    }

    @Override
    public String currentUserExpression() {
        return "CURRENT_USER";
    }

    @Override
    public String transactionId(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT txid_current()");
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
