package dev.migrate.db;

import dev.migrate.config.ConnectionSettings;
import dev.migrate.sql.SqlFlavor;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.Duration;

/** What differs between the databases we support. One implementation per database; nothing else branches on it. */
public interface Dialect {

    /** A lower-case name for messages and {@code --dialect}: {@code sqlite}, {@code postgresql}. */
    String name();

    /** The lexical rules the statement splitter follows for this database. */
    SqlFlavor flavor();

    /** Where the database is, for messages: a file path, or host:port and database name. Never a password. */
    String location(ConnectionSettings settings);

    /** Whether a table exists; {@code table} is a plain name as configured, and may be schema-qualified. */
    boolean tableExists(Connection connection, String table) throws SQLException;

    /**
     * A configured name (a validated plain identifier: letters, digits, '_') as a quoted identifier, so reserved
     * words such as {@code user} and {@code order} work. It means what the name would mean unquoted.
     */
    default String quote(String identifier) {
        return '"' + identifier + '"';
    }

    /** {@code schema.table} or {@code table} as SQL text: each part {@linkplain #quote quoted}. */
    default String quoteQualified(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? quote(name) : quote(name.substring(0, dot)) + "." + quote(name.substring(dot + 1));
    }

    /**
     * False only when connecting would have to create the database; read-only commands then report an empty
     * database instead of leaving a new file behind.
     */
    default boolean databaseExists(ConnectionSettings settings) {
        return true;
    }

    /** Prepares a fresh session: with a schema, makes it first on the search path. */
    default void prepareSession(Connection connection, String schema) throws SQLException {
        execute(connection, schemaStatements(schema, false));
    }

    /** Creates the schema if it does not exist; called under the command's lock, before the version table. */
    default void createSchema(Connection connection, String schema) throws SQLException {
        execute(connection, schemaStatements(schema, true));
    }

    private static void execute(Connection connection, java.util.List<String> statements) throws SQLException {
        for (String statement : statements) {
            try (java.sql.Statement jdbc = connection.createStatement()) {
                jdbc.execute(statement);
            }
        }
    }

    /**
     * The statements that create ({@code create}) or select the schema: what {@link #createSchema} and
     * {@link #prepareSession} run, and what an offline script writes.
     */
    default java.util.List<String> schemaStatements(String schema, boolean create) {
        return java.util.List.of();
    }

    /** How to run an offline script on this database, for the script's first comment. */
    default String scriptHint() {
        return "";
    }

    /**
     * Takes the lock that serialises migrate commands on one database, for the rest of the command. Prints nothing:
     * {@code onWait} is called once if the lock is held by someone else and this call has to wait.
     *
     * @param versionTable the qualified version table; the lock belongs to it
     * @param timeout      null to wait as long as it takes
     * @throws LockTimeoutException when the timeout passes first
     */
    CommandLock lock(Connection connection, ConnectionSettings settings, String versionTable, Duration timeout,
                     Runnable onWait) throws SQLException;

    /** A message the server sent while a statement ran (a PostgreSQL NOTICE, a warning), as a user should read it. */
    default String noticeText(SQLWarning warning) {
        return "WARNING: " + warning.getMessage();
    }

    /**
     * The session's search path, read before {@link #prepareSession} changes it, so that an application's connection
     * can be returned as it came; null where the database has none.
     */
    default String searchPath(Connection connection) throws SQLException {
        return null;
    }

    /** Puts back a search path read with {@link #searchPath}. */
    default void restoreSearchPath(Connection connection, String searchPath) throws SQLException {
    }

    /**
     * Whether the connection is still inside the transaction the command opened. Checked after each statement of a
     * transactional migration, in case a statement ended it (a COMMIT or ROLLBACK the parser did not catch); true
     * where the driver cannot tell.
     */
    default boolean transactionOpen(Connection connection) throws SQLException {
        return true;
    }

    /** Whether the database refused a statement because the savepoint it names does not exist. */
    boolean noSuchSavepoint(SQLException e);

    /**
     * Whether the driver sends a JDBC batch in one round trip to the server. Where it does, the executor sends a
     * migration's statements and its version-table change together; elsewhere (SQLite, in the same process) a batch
     * saves nothing and statements run one by one.
     */
    default boolean sendsBatchesInOneRoundTrip() {
        return false;
    }

    /**
     * Whether the transaction the command opened is still open but failed (a statement in it raised an error), as
     * opposed to ended: after a failed batch, this tells an ordinary error from a statement that ended the
     * transaction part-way through.
     */
    default boolean transactionFailed(Connection connection) throws SQLException {
        return false;
    }

    /** {@code value} as an SQL string literal of this database; {@code NULL} for null. */
    default String stringLiteral(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    /**
     * The SQL for the current time as live runs write it to the log ({@code Instant.toString()}: ISO 8601 in UTC,
     * {@code 2026-12-03T19:13:37.503Z}), so rows from an offline script read like the rest; SQLite's form here.
     */
    default String nowIsoExpression() {
        return "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
    }

    /** An SQL expression for the database user, for offline scripts; {@code NULL} where the database has none. */
    default String currentUserExpression() {
        return "NULL";
    }

    /**
     * The id of the current transaction, assigning one if needed; null where the database cannot tell. Compared
     * before and after code the parser cannot see (a Java migration), so a COMMIT inside it is found even when the
     * code went on in a new transaction.
     */
    default String transactionId(Connection connection) throws SQLException {
        return null;
    }

    /**
     * The schema that holds {@code table} as the session finds it (or would create it): where the table exists on
     * the search path, else the schema a new table goes to; null where the database has no schemas. migrate names its
     * own tables with it, so a migration that changes the search path cannot make them disappear mid-command.
     */
    default String tableSchema(Connection connection, String table) throws SQLException {
        return null;
    }

    static Dialect of(ConnectionSettings settings) {
        if (settings.isSqlite()) {
            return new SqliteDialect();
        }
        if (settings.isPostgres()) {
            return new PostgresDialect();
        }
        throw new IllegalArgumentException("no dialect for " + settings);
    }
}
