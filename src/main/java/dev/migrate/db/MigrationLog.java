package dev.migrate.db;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The applied-migrations log: a table beside the version table with one row for every step ever run, stamped or
 * accepted, written in the transaction that changes the version table, so the two can never disagree. The version
 * table keeps Alembic's format (which revisions the database is at); the log remembers what ran under each: the
 * checksum of the section, when, for how long, and who ran it from where.
 *
 * <p>Row ids are taken as one more than the highest, under the command lock that every writer holds, so the same
 * statements work on every database and in offline scripts.
 */
public final class MigrationLog {
    /** A step that ran a migration's upgrade section. */
    public static final String UPGRADE = "upgrade";
    public static final String DOWNGRADE = "downgrade";
    /** {@code stamp} marked the revision applied without running it. */
    public static final String STAMP = "stamp";
    /** {@code stamp} marked the revision not applied without running its downgrade. */
    public static final String UNSTAMP = "unstamp";
    /** {@code accept} recorded the file's current text as what the database has. */
    public static final String ACCEPT = "accept";

    private static final String COLUMNS = "id, revision, direction, checksum, started_at, finished_at, duration_ms, "
            + "database_user, os_user, host, migrate_version, completed";

    private final Dialect dialect;
    private final String table;
    private final String sql;

    /** @param table the configured name, {@code schema.table} or {@code table} */
    public MigrationLog(Dialect dialect, String table) {
        this.dialect = dialect;
        this.table = table;
        this.sql = dialect.quoteQualified(table);
    }

    /**
     * One row.
     *
     * @param checksum   the SHA-256 of the section that ran (the upgrade section for stamp and accept); null for a
     *                   Java migration
     * @param finishedAt null while a {@code transaction: false} migration runs, and after one that did not finish
     * @param completed  for a {@code transaction: false} migration, whether it finished; null for the others
     */
    public record Entry(long id, String revision, String direction, String checksum, String startedAt,
                        String finishedAt, Long durationMs, String databaseUser, String osUser, String host,
                        String migrateVersion, Boolean completed) {
    }

    /** Who runs this command, from where: recorded with every row. */
    public record Runner(String databaseUser, String osUser, String host, String migrateVersion) {
        public static Runner of(Connection connection) {
            String user;
            try {
                user = connection.getMetaData().getUserName();
            } catch (SQLException | RuntimeException e) {
                user = null;
            }
            return new Runner(user, System.getProperty("user.name"), hostName(), version());
        }

        /** Who renders an offline script: the database user is the one who will run it, unknown here. */
        public static Runner renderingScript() {
            return new Runner(null, System.getProperty("user.name"), hostName(), version());
        }

        private static String version() {
            String version = MigrationLog.class.getPackage().getImplementationVersion();
            return version == null ? "dev" : version;
        }

        private static String hostName() {
            String host = System.getenv("HOSTNAME");
            if (host != null && !host.isBlank()) {
                return host;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException | RuntimeException e) {
                return null;
            }
        }
    }

    public String name() {
        return table;
    }

    public boolean exists(Connection connection) throws SQLException {
        return dialect.tableExists(connection, table);
    }

    /** Creates the table if it does not exist: on a database an older migrate set up, beside its version table. */
    public void create(Connection connection) throws SQLException {
        if (!exists(connection)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(createStatement());
            }
        }
    }

    public String createStatement() {
        return "CREATE TABLE IF NOT EXISTS " + sql + " (id BIGINT NOT NULL PRIMARY KEY, revision VARCHAR(64) NOT NULL, "
                + "direction VARCHAR(16) NOT NULL, checksum VARCHAR(64), started_at VARCHAR(40) NOT NULL, "
                + "finished_at VARCHAR(40), duration_ms BIGINT, database_user VARCHAR(128), os_user VARCHAR(128), "
                + "host VARCHAR(255), migrate_version VARCHAR(32), completed SMALLINT)";
    }

    /** Every row, oldest first; none when the table does not exist (reading never creates it). */
    public List<Entry> read(Connection connection) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        if (!exists(connection)) {
            return entries;
        }
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT " + COLUMNS + " FROM " + sql + " ORDER BY id")) {
            while (rows.next()) {
                long duration = rows.getLong(7);
                Long durationMs = rows.wasNull() ? null : duration;
                int completed = rows.getInt(12);
                Boolean completedFlag = rows.wasNull() ? null : completed != 0;
                entries.add(new Entry(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), rows.getString(6), durationMs, rows.getString(8), rows.getString(9),
                        rows.getString(10), rows.getString(11), completedFlag));
            }
        }
        return entries;
    }

    /**
     * A finished step (or a stamp, or an accept), in the caller's transaction.
     *
     * @param completed null for a transactional migration
     */
    public void record(Connection connection, Runner runner, String revision, String direction, String checksum,
                       Instant started, Instant finished, Boolean completed) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + sql + " (" + COLUMNS + ") "
                + "SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM " + sql)) {
            insert.setString(1, revision);
            insert.setString(2, direction);
            insert.setString(3, checksum);
            insert.setString(4, started.truncatedTo(ChronoUnit.MILLIS).toString());
            if (finished == null) {
                insert.setNull(5, Types.VARCHAR);
                insert.setNull(6, Types.BIGINT);
            } else {
                insert.setString(5, finished.truncatedTo(ChronoUnit.MILLIS).toString());
                insert.setLong(6, Duration.between(started, finished).toMillis());
            }
            insert.setString(7, runner.databaseUser());
            insert.setString(8, runner.osUser());
            insert.setString(9, runner.host());
            insert.setString(10, runner.migrateVersion());
            if (completed == null) {
                insert.setNull(11, Types.SMALLINT);
            } else {
                insert.setInt(11, completed ? 1 : 0);
            }
            insert.executeUpdate();
        }
    }

    /** A {@code transaction: false} migration that started logged as finished, in the version-table transaction. */
    public void finished(Connection connection, String revision, String direction, Instant started, Instant finished)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + sql + " SET finished_at = ?, "
                + "duration_ms = ?, completed = 1 WHERE id = (SELECT MAX(id) FROM " + sql
                + " WHERE revision = ? AND direction = ?)")) {
            update.setString(1, finished.truncatedTo(ChronoUnit.MILLIS).toString());
            update.setLong(2, Duration.between(started, finished).toMillis());
            update.setString(3, revision);
            update.setString(4, direction);
            update.executeUpdate();
        }
    }

    /**
     * The row a step writes, as a statement of an offline script: the database's own clock and user where it has
     * them, and who rendered the script.
     */
    public String render(Runner runner, String revision, String direction, String checksum, Boolean completed) {
        return "INSERT INTO " + sql + " (" + COLUMNS + ") SELECT COALESCE(MAX(id), 0) + 1, " + literal(revision) + ", "
                + literal(direction) + ", " + literal(checksum) + ", " + dialect.nowIsoExpression() + ", "
                + dialect.nowIsoExpression() + ", NULL, " + dialect.currentUserExpression() + ", "
                + literal(runner.osUser()) + ", " + literal(runner.host()) + ", "
                + literal(runner.migrateVersion() + " (offline script)") + ", "
                + (completed == null ? "NULL" : completed ? "1" : "0") + " FROM " + sql;
    }

    /**
     * What {@link #record} writes, as one statement with its values as literals, so that it can travel in a batch
     * with other statements (one round trip instead of one per statement).
     */
    public String recordStatement(Runner runner, String revision, String direction, String checksum, Instant started,
                                  Instant finished) {
        return "INSERT INTO " + sql + " (" + COLUMNS + ") SELECT COALESCE(MAX(id), 0) + 1, "
                + dialect.stringLiteral(revision) + ", " + dialect.stringLiteral(direction) + ", "
                + dialect.stringLiteral(checksum) + ", "
                + dialect.stringLiteral(started.truncatedTo(ChronoUnit.MILLIS).toString()) + ", "
                + dialect.stringLiteral(finished.truncatedTo(ChronoUnit.MILLIS).toString()) + ", "
                + Duration.between(started, finished).toMillis() + ", "
                + dialect.stringLiteral(runner.databaseUser()) + ", " + dialect.stringLiteral(runner.osUser()) + ", "
                + dialect.stringLiteral(runner.host()) + ", " + dialect.stringLiteral(runner.migrateVersion())
                + ", NULL FROM " + sql;
    }

    private static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }
}
