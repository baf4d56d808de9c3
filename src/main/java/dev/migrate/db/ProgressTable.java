package dev.migrate.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records a {@code transaction: false} migration while it runs, beside the version table: a row is written before its
 * first statement, each completed statement's line is added to it, and it is deleted together with the version-table
 * change. Such a migration cannot be rolled back, so a row that is still there means an earlier run stopped inside
 * it (killed, connection lost, or a statement failed) and part of it may be applied; the next writing command says
 * so instead of running on top of it. {@code stamp} deletes the rows: it is how an operator says the schema is
 * repaired.
 */
public final class ProgressTable {
    private final Dialect dialect;
    private final String table;
    /** The name as SQL text: quoted like the version table's. */
    private final String sql;

    /** @param versionTable the version table's plain name; this table is named after it, in the same schema */
    public ProgressTable(Dialect dialect, String schema, String versionTable) {
        this.dialect = dialect;
        this.table = (schema == null ? "" : schema + ".") + versionTable + "_progress";
        this.sql = dialect.quoteQualified(table);
    }

    /** A migration that started and did not finish: its lines that completed, in the order they ran. */
    public record Entry(String revision, String direction, String started, List<Integer> completedLines) {
        public Entry {
            completedLines = List.copyOf(completedLines);
        }
    }

    public String name() {
        return table;
    }

    /** The unfinished migrations; none when the table does not exist (it is never created by reading). */
    public List<Entry> read(Connection connection) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        if (!dialect.tableExists(connection, table)) {
            return entries;
        }
        try (Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT revision, direction, started, completed_lines FROM " + sql
                     + " ORDER BY started")) {
            while (rows.next()) {
                String lines = rows.getString(4);
                List<Integer> completed = lines == null || lines.isEmpty() ? List.of()
                        : Arrays.stream(lines.split(",")).map(Integer::valueOf).toList();
                entries.add(new Entry(rows.getString(1), rows.getString(2), rows.getString(3), completed));
            }
        }
        return entries;
    }

    /** Before the first statement; in autocommit, so the row survives whatever happens next. */
    public void started(Connection connection, String revision, String direction) throws SQLException {
        if (!dialect.tableExists(connection, table)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(createStatement());
            }
        }
        update(connection, "DELETE FROM " + sql + " WHERE revision = ?", revision);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + sql
                + " (revision, direction, started, completed_lines) VALUES (?, ?, ?, '')")) {
            insert.setString(1, revision);
            insert.setString(2, direction);
            insert.setString(3, Instant.now().toString());
            insert.executeUpdate();
        }
    }

    /** After each statement that completed. */
    public void completed(Connection connection, String revision, int line) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + sql + " SET completed_lines = "
                + "CASE WHEN completed_lines = '' THEN ? ELSE completed_lines || ',' || ? END WHERE revision = ?")) {
            update.setString(1, Integer.toString(line));
            update.setString(2, Integer.toString(line));
            update.setString(3, revision);
            update.executeUpdate();
        }
    }

    /** The migration finished: in the transaction that records it in the version table. */
    public void finished(Connection connection, String revision) throws SQLException {
        update(connection, "DELETE FROM " + sql + " WHERE revision = ?", revision);
    }

    /** Forgets every unfinished migration: what {@code stamp} does, inside its transaction. */
    public void clear(Connection connection) throws SQLException {
        if (dialect.tableExists(connection, table)) {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM " + sql);
            }
        }
    }

    /** The statement that creates the table, for an offline script's start (it then checks the table is empty). */
    public String renderCreate() {
        return createStatement();
    }

    /** A condition that holds when no migration is recorded unfinished: a live run refuses to start otherwise. */
    public String renderNoneUnfinished() {
        return "(SELECT count(*) FROM " + sql + ") = 0";
    }

    private String createStatement() {
        return "CREATE TABLE IF NOT EXISTS " + sql + " (revision VARCHAR(64) NOT NULL PRIMARY KEY, "
                + "direction VARCHAR(16) NOT NULL, started VARCHAR(40) NOT NULL, completed_lines TEXT NOT NULL)";
    }

    /**
     * What {@link #started} does, as statements of an offline script. Revision ids are letters, digits and '_', so
     * they are safe as literals; the time is the database's.
     */
    public List<String> renderStarted(String revision, String direction) {
        return List.of(createStatement(), renderFinished(revision), "INSERT INTO " + sql
                + " (revision, direction, started, completed_lines) VALUES ('" + revision + "', '" + direction
                + "', CAST(CURRENT_TIMESTAMP AS VARCHAR(40)), '')");
    }

    /** What {@link #completed} does, as a statement of an offline script. */
    public String renderCompleted(String revision, int line) {
        return "UPDATE " + sql + " SET completed_lines = CASE WHEN completed_lines = '' THEN '" + line
                + "' ELSE completed_lines || '," + line + "' END WHERE revision = '" + revision + "'";
    }

    /** What {@link #finished} does, as a statement of an offline script. */
    public String renderFinished(String revision) {
        return "DELETE FROM " + sql + " WHERE revision = '" + revision + "'";
    }

    private static void update(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, value);
            statement.executeUpdate();
        }
    }
}
