package dev.migrate.db;

import dev.migrate.api.DatabaseException;
import dev.migrate.graph.VersionChange;
import dev.migrate.sql.SqlFlavor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The table that records which revisions a database is at: one row per applied head. Every UPDATE and DELETE
 * must touch exactly one row; anything else means someone changed the table under us, and the step fails.
 */
public final class VersionTable {
    private final Dialect dialect;
    private final String table;
    /** The name as SQL text: quoted, so that reserved words such as {@code user} work. */
    private final String sql;

    /** @param table the configured name, {@code schema.table} or {@code table}, each part a plain identifier */
    public VersionTable(Dialect dialect, String table) {
        this.dialect = dialect;
        this.table = table;
        this.sql = dialect.quoteQualified(table);
    }

    /** The name as configured, for messages. */
    public String name() {
        return table;
    }

    public boolean exists(Connection connection) throws SQLException {
        return dialect.tableExists(connection, table);
    }

    /** The rows, or nothing when the table does not exist yet (it is never created by reading). */
    public List<String> read(Connection connection) throws SQLException {
        List<String> rows = new ArrayList<>();
        if (!dialect.tableExists(connection, table)) {
            return rows;
        }
        try (Statement query = connection.createStatement();
             ResultSet result = query.executeQuery("SELECT version_num FROM " + sql + " ORDER BY version_num")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    public void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(createStatement());
        }
    }

    /** One row operation of a step's change. {@code from} is null for an INSERT, {@code to} null for a DELETE. */
    public record Operation(String from, String to) {
    }

    /** A step's change as row operations: removed/added pairs as UPDATEs, the rest as DELETEs and INSERTs. */
    public static List<Operation> operations(VersionChange change) {
        List<String> removed = change.removed();
        List<String> added = change.added();
        int pairs = Math.min(removed.size(), added.size());
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            operations.add(new Operation(removed.get(i), added.get(i)));
        }
        for (int i = pairs; i < removed.size(); i++) {
            operations.add(new Operation(removed.get(i), null));
        }
        for (int i = pairs; i < added.size(); i++) {
            operations.add(new Operation(null, added.get(i)));
        }
        return operations;
    }

    /** Applies one step's change, each operation touching exactly one row. */
    public void apply(Connection connection, VersionChange change) throws SQLException {
        for (Operation operation : operations(change)) {
            if (operation.from() == null) {
                exactlyOne(connection, "INSERT INTO " + sql + " (version_num) VALUES (?)", operation.to());
            } else if (operation.to() == null) {
                exactlyOne(connection, "DELETE FROM " + sql + " WHERE version_num = ?", operation.from());
            } else {
                exactlyOne(connection, "UPDATE " + sql + " SET version_num = ? WHERE version_num = ?",
                        operation.to(), operation.from());
            }
        }
    }

    /** The same operations as SQL text, for an offline script. Ids are letters, digits and '_': safe as literals. */
    public List<String> render(VersionChange change) {
        List<String> statements = new ArrayList<>();
        for (Operation operation : operations(change)) {
            if (operation.from() == null) {
                statements.add(insert(operation.to()));
            } else if (operation.to() == null) {
                statements.add("DELETE FROM " + sql + " WHERE version_num = '" + operation.from() + "'");
            } else {
                statements.add("UPDATE " + sql + " SET version_num = '" + operation.to() + "' WHERE version_num = '"
                        + operation.from() + "'");
            }
        }
        return statements;
    }

    /** SQLite's guard table: a row that is not 1 breaks its named CHECK, whose name is the error the shell prints. */
    private static final String SQLITE_GUARD = "migrate_script_guard";

    /**
     * What an offline script needs before its first {@link #renderRequire}: on SQLite a temporary table whose CHECK
     * does the failing (the shell has no way to raise an error from a query); nothing on PostgreSQL.
     */
    public List<String> renderRequireSetup() {
        if (dialect.flavor() != SqlFlavor.SQLITE) {
            return List.of();
        }
        return List.of("CREATE TEMP TABLE IF NOT EXISTS " + SQLITE_GUARD + " (at_expected_revision INTEGER NOT NULL "
                + "CONSTRAINT \"migrate: the version table is not at the revisions this script continues from; "
                + "the script stopped there, before its next migration. Render the script again from where the "
                + "database is (migrate current)\" CHECK (at_expected_revision = 1))");
    }

    /**
     * A statement that fails unless the table holds every row {@code change} removes and none it adds. An offline
     * script runs it before each migration: a live run plans from the rows it reads under its lock, but a script was
     * rendered for the database as it was then, and applied to one at another revision (a stamp since, the script
     * applied twice, the wrong database) it would run a migration over the wrong schema and record it. Rows of other
     * branches are not its business: a script for one branch applies beside them.
     */
    public String renderRequire(VersionChange change) {
        List<String> present = change.removed();
        List<String> absent = change.added();
        List<String> conditions = new ArrayList<>();
        if (!present.isEmpty()) {
            conditions.add(holdsAll(present));
        }
        if (!absent.isEmpty()) {
            conditions.add("(SELECT count(*) FROM " + sql + " WHERE version_num IN (" + literals(absent) + ")) = 0");
        }
        String expected = (present.isEmpty() ? "" : "holding " + String.join(", ", present))
                + (present.isEmpty() || absent.isEmpty() ? "" : " and ")
                + (absent.isEmpty() ? "" : "not yet holding " + String.join(", ", absent));
        return require(conditions, expected, "this migration");
    }

    /**
     * A statement that fails unless the table holds every row of {@code from} and no row outside {@code allowed}
     * (which includes {@code from}): an offline upgrade script runs it before its first migration. The check before
     * each migration looks only at the rows that migration changes, and a migration from base (or the first of a
     * branch) changes none that are there: applied a second time, or to a database stamped to a later revision since,
     * or to one at a revision this folder does not have, the script would run it again. Those databases hold a row
     * of the script's own revisions, of one after them, or of none this folder knows; rows of other branches are
     * allowed.
     */
    public String renderRequireStart(List<String> from, Collection<String> allowed, String noneUnfinished) {
        List<String> conditions = new ArrayList<>();
        conditions.add(noneUnfinished);
        if (!from.isEmpty()) {
            conditions.add(holdsAll(from));
        }
        conditions.add(allowed.isEmpty() ? "(SELECT count(*) FROM " + sql + ") = 0"
                : "(SELECT count(*) FROM " + sql + " WHERE version_num NOT IN (" + literals(List.copyOf(allowed))
                + ")) = 0");
        String expected = (!from.isEmpty() ? "holding " + String.join(", ", from) + " and nothing after"
                : allowed.isEmpty() ? "empty (at base)" : "at base, or holding only revisions of other branches")
                + ", with no migration left unfinished (transaction: false)";
        return require(conditions, expected, "this script");
    }

    private String holdsAll(List<String> rows) {
        return "(SELECT count(*) FROM " + sql + " WHERE version_num IN (" + literals(rows) + ")) = " + rows.size();
    }

    /** A statement that fails, saying what the script expected and what the table holds, unless all conditions hold. */
    private String require(List<String> conditions, String expected, String what) {
        String condition = conditions.isEmpty() ? "1 = 1" : String.join(" AND ", conditions);
        if (dialect.flavor() == SqlFlavor.SQLITE) {
            return "INSERT INTO temp." + SQLITE_GUARD + " (at_expected_revision) SELECT " + condition;
        }
        return "DO $migrate_require$\nDECLARE held text;\nBEGIN\n  IF NOT (" + condition + ") THEN\n"
                + "    SELECT coalesce(string_agg(version_num, ', ' ORDER BY version_num), 'nothing (base)') INTO held "
                + "FROM " + sql + ";\n"
                + "    RAISE EXCEPTION 'migrate: this script expects the version table " + table + " " + expected
                + ", but it holds %: nothing of " + what + " ran. Render the script again from where the database "
                + "is (migrate current).', held;\n  END IF;\nEND\n$migrate_require$";
    }

    private static String literals(List<String> ids) {
        return "'" + String.join("', '", ids) + "'";
    }

    /** What {@code stamp} does, as SQL text for an offline script: every row replaced by {@code rows}. */
    public List<String> renderReplace(List<String> rows) {
        List<String> statements = new ArrayList<>();
        statements.add("DELETE FROM " + sql);
        for (String row : rows) {
            statements.add(insert(row));
        }
        return statements;
    }

    private String insert(String row) {
        return "INSERT INTO " + sql + " (version_num) VALUES ('" + row + "')";
    }

    /** The statement that creates the table; {@link #create} runs it. */
    public String createStatement() {
        return "CREATE TABLE IF NOT EXISTS " + sql + " (version_num VARCHAR(64) NOT NULL PRIMARY KEY)";
    }

    /** Replaces every row: what {@code stamp} does. */
    public void replace(Connection connection, List<String> rows) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM " + sql);
        }
        for (String row : rows) {
            exactlyOne(connection, "INSERT INTO " + sql + " (version_num) VALUES (?)", row);
        }
    }

    private void exactlyOne(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            requireOneRow(sql, statement.executeUpdate(), parameters);
        }
    }

    /**
     * Checks the row counts of {@link #render}'s statements sent in a batch: the same guard, and the same message,
     * as {@link #apply}.
     */
    public void requireOneRowEach(VersionChange change, int[] counts) {
        List<Operation> operations = operations(change);
        for (int i = 0; i < operations.size(); i++) {
            Operation operation = operations.get(i);
            int count = i < counts.length ? counts[i] : 0;
            if (operation.from() == null) {
                requireOneRow("INSERT INTO " + sql + " (version_num) VALUES (?)", count, operation.to());
            } else if (operation.to() == null) {
                requireOneRow("DELETE FROM " + sql + " WHERE version_num = ?", count, operation.from());
            } else {
                requireOneRow("UPDATE " + sql + " SET version_num = ? WHERE version_num = ?", count, operation.to(),
                        operation.from());
            }
        }
    }

    private void requireOneRow(String sql, int count, String... parameters) {
        if (count != 1) {
            throw new DatabaseException("The version table " + table + " changed while migrating: '" + sql
                    + "' with " + String.join(", ", parameters) + " touched " + count + " rows instead of 1. "
                    + "Another process may be migrating this database; run `migrate current` to see where it is.");
        }
    }
}
