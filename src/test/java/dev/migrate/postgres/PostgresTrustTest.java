package dev.migrate.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.migrate.Migrator;
import dev.migrate.api.MigrationFailedException;
import dev.migrate.api.MigrationListener;
import dev.migrate.api.TransactionMode;
import dev.migrate.db.PostgresDialect;
import dev.migrate.db.MigrationTables;
import dev.migrate.engine.Executor;
import dev.migrate.graph.Planner;
import dev.migrate.graph.RevisionNode;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.graph.Step;
import dev.migrate.source.Migration;
import dev.migrate.source.SqlMigration;
import dev.migrate.source.SqlMigrationParser;
import dev.migrate.testing.Cli;
import dev.migrate.testing.PostgresSchemaTest;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** migrate never applies, records or reports anything but what happened: on a real PostgreSQL server. */
class PostgresTrustTest extends PostgresSchemaTest {

    private List<String> schemas() {
        return database.query("SELECT nspname FROM pg_namespace WHERE nspname = '" + schema + "'");
    }

    @Test
    void aJavaMigrationThatThrowsAnErrorCommitsNothing() throws IOException {
        files.write("a1", "none", "CREATE TABLE t_person (name TEXT);", "DROP TABLE t_person;");
        Files.writeString(files.dir().resolve("Overflow.java"), """
                import dev.migrate.api.*;
                import java.sql.*;

                @Revision(id = "b2", downRevision = "a1")
                public class Overflow implements JavaMigration {
                    public void upgrade(MigrationContext context) throws Exception {
                        try (Statement statement = context.connection().createStatement()) {
                            statement.executeUpdate("INSERT INTO t_person VALUES ('half')");
                        }
                        recurse(0);
                    }
                    private static int recurse(int depth) {
                        return recurse(depth + 1) + 1;
                    }
                }
                """);
        Cli.Result result = migrate("upgrade");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("The migration threw java.lang.StackOverflowError"), result.err());
        assertTrue(result.err().contains("The migration was rolled back"), result.err());
        assertEquals(List.of(), database.query("SELECT name FROM " + schema + ".t_person"));
        assertEquals(List.of("a1"), database.versions(schema));
    }

    @Test
    void aRefusedCommandCreatesNoSchema() {
        files.table("a1", "none");
        for (String[] command : List.of(new String[] {"upgrade", "nosuch"}, new String[] {"downgrade", "-1"},
                new String[] {"stamp", "zzz"})) {
            Cli.Result result = migrate(command);
            assertEquals(2, result.exitCode(), result.toString());
            assertEquals(List.of(), schemas(), String.join(" ", command) + " created the schema");
        }
        assertEquals(0, migrate("downgrade", "base").exitCode());
        assertEquals(List.of(), schemas(), "a downgrade with nothing to do created the schema");
    }

    /**
     * Defence in depth behind the parser's check: the executor itself, given a migration whose ROLLBACK or COMMIT no
     * check caught, asks the driver after each statement whether the transaction is still open.
     */
    @Test
    void aStatementThatEndsTheTransactionFailsTheMigrationInsteadOfRecordingIt() throws Exception {
        files.table("a1", "none");
        ok("upgrade");
        for (String end : List.of("ROLLBACK", "COMMIT")) {
            files.write("b2", "a1", "CREATE TABLE t_lost (id INTEGER);\n" + end + ";\nCREATE TABLE t_after (id INTEGER);",
                    null);
            Map<String, Migration> byId = new HashMap<>();
            List<RevisionNode> revisions = new ArrayList<>();
            for (String id : List.of("a1", "b2")) {
                SqlMigration migration = SqlMigrationParser.parse(files.dir().resolve(id + "_revision.sql")).migration();
                byId.put(id, migration);
                revisions.add(migration.revision());
            }
            List<Step> steps = new Planner(RevisionGraph.build(revisions)).upgrade(List.of("a1"), List.of("b2"));
            PostgresDialect dialect = new PostgresDialect();
            try (Connection connection = database.connect()) {
                dialect.prepareSession(connection, schema);
                MigrationTables tables = MigrationTables.of(dialect, schema, "migrate_version", "migrate_version_log");
                tables.log().create(connection);
                Executor executor = new Executor(connection, dialect, tables, byId, MigrationListener.NONE, Map.of());
                MigrationFailedException error = assertThrows(MigrationFailedException.class,
                        () -> executor.run(steps, TransactionMode.PER_MIGRATION));
                assertTrue(error.getMessage().contains("b2_revision.sql:7"), error.getMessage());
                assertTrue(error.getMessage().contains("That statement ended the migration's transaction"),
                        error.getMessage());
                assertFalse(error.getMessage().contains("none of its statements remain applied"), error.getMessage());
            }
            assertEquals(List.of("a1"), database.versions(schema), end + ": b2 is not recorded as applied");
            assertFalse(database.tables(schema).contains("t_after"), end);
            database.execute("DROP TABLE IF EXISTS " + schema + ".t_lost");
        }
    }

    @Test
    void anApplicationsPooledConnectionKeepsItsSearchPath() throws Exception {
        files.table("a1", "none");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.server().user());
        config.setPassword(database.server().password());
        config.setMaximumPoolSize(1); // the migrator and the application share the one connection
        try (HikariDataSource pool = new HikariDataSource(config)) {
            String searchPath;
            try (Connection connection = pool.getConnection()) {
                searchPath = value(connection, "SELECT current_setting('search_path')");
            }
            Migrator migrator = Migrator.builder().dataSource(pool).dir(files.dir()).schema(schema).build();
            migrator.upgrade("head");
            assertEquals("a1", migrator.current().rows().get(0).revision());
            try (Connection connection = pool.getConnection()) {
                // The pool resets autocommit and isolation itself, but knows nothing of the search path.
                assertEquals(searchPath, value(connection, "SELECT current_setting('search_path')"));
            }
            assertFalse(pool.isClosed(), "the application's pool stays open");
        }
        assertEquals(List.of("t_a1"), database.tables(schema));
    }

    @Test
    void aSingleConnectionDataSourceGetsItsConnectionBackAsItCame() throws Exception {
        files.table("a1", "none");
        try (Connection physical = database.connect()) {
            physical.setAutoCommit(false);
            physical.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            String searchPath = value(physical, "SELECT current_setting('search_path')");
            physical.commit();
            DataSource single = singleConnection(physical);
            Migrator migrator = Migrator.builder().dataSource(single).dir(files.dir()).schema(schema).build();
            migrator.upgrade("head");
            assertFalse(physical.isClosed());
            assertFalse(physical.getAutoCommit());
            assertEquals(Connection.TRANSACTION_SERIALIZABLE, physical.getTransactionIsolation());
            assertEquals(searchPath, value(physical, "SELECT current_setting('search_path')"));
            physical.rollback();
        }
        assertEquals(List.of("t_a1"), database.tables(schema));
    }

    /** A data source that hands out one long-lived connection whose close() does nothing, as some frameworks' do. */
    private static DataSource singleConnection(Connection physical) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return unclosable;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static String value(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Revision b2 after a1: a Java migration whose upgrade runs {@code body} with a {@code statement} at hand. */
    private void javaMigration(String className, String body) throws IOException {
        Files.writeString(files.dir().resolve(className + ".java"), """
                import dev.migrate.api.*;
                import java.sql.*;

                @Revision(id = "b2", downRevision = "a1")
                public class %s implements JavaMigration {
                    public void upgrade(MigrationContext context) throws Exception {
                        try (Statement statement = context.connection().createStatement()) {
                            %s
                        }
                    }
                }
                """.formatted(className, body));
    }

    @Test
    void aJavaMigrationThatCommitsThroughAStatementIsNotReportedAsRolledBack() throws IOException {
        assertReportedAsEndingItsTransaction("CommitsInSql", "INSERT INTO t_person VALUES ('later')");
    }

    @Test
    void aJavaMigrationThatCommitsThenFailsIsNotReportedAsRolledBack() throws IOException {
        // After its COMMIT the driver opened a new transaction, which the failing INSERT left failed: the old check
        // could not ask the server for its id then, and reported a rollback of everything.
        assertReportedAsEndingItsTransaction("CommitsThenFails", "INSERT INTO no_such_table VALUES (1)");
    }

    /** b2, a Java migration, inserts a row, sends COMMIT as SQL, then runs {@code after} (no double quotes). */
    private void assertReportedAsEndingItsTransaction(String className, String after) throws IOException {
        files.write("a1", "none", "CREATE TABLE t_person (name TEXT);", "DROP TABLE t_person;");
        javaMigration(className, """
                statement.execute("INSERT INTO t_person VALUES ('kept')");
                            statement.execute("COMMIT");
                            statement.execute("%s");""".formatted(after));
        Cli.Result result = migrate("upgrade");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("Its code ended the migration's transaction"), result.err());
        assertFalse(result.err().contains("none of its statements remain applied"), result.err());
        assertEquals(List.of("a1"), database.versions(schema), "b2 is not recorded");
    }

    @Test
    void anOfflineScriptAppliedToADatabaseElsewhereStopsBeforeChangingIt() {
        files.table("a1", "none");
        files.table("b2", "a1");
        files.table("c3", "b2");
        ok("upgrade", "b2");
        String rest = ok("upgrade", "b2:head", "--sql").out(); // from b2, where the database is now
        ok("stamp", "a1"); // then someone moved the database elsewhere
        // As psql -v ON_ERROR_STOP=1 runs it: the first error ends the script.
        RuntimeException stopped = assertThrows(RuntimeException.class, () -> database.execute(rest));
        String said = String.valueOf(stopped.getCause() == null ? stopped : stopped.getCause());
        assertTrue(said.contains("this script expects the version table ") && said.contains("migrate_version holding "
                + "b2 and nothing after, with no migration left unfinished (transaction: false), but it holds a1: "
                + "nothing of this script ran"), said);
        assertEquals(List.of("a1"), database.versions(schema));
        assertFalse(database.tables(schema).contains("t_c3"), "c3 did not run over a database at a1");
        ok("stamp", "b2"); // back where the script expects the database: it applies, and records what it did
        database.execute(rest);
        assertEquals(List.of("c3"), database.versions(schema));
        // A script from base, applied to the database already at its end: a1's own guard (a1 not recorded) would
        // let a1 run again; the script's first statement stops it.
        String fromBase = ok("upgrade", "head", "--sql", "--dialect", "postgresql").out();
        RuntimeException again = assertThrows(RuntimeException.class, () -> database.execute(fromBase));
        String refused = String.valueOf(again.getCause() == null ? again : again.getCause());
        assertTrue(refused.contains("migrate_version empty (at base), with no migration left unfinished (transaction: "
                + "false), but it holds c3: nothing of this script ran"), refused);
        assertEquals(List.of("c3"), database.versions(schema));
        // Its log row reads like a live run's: ISO 8601 in UTC, as Instant.toString() writes it.
        for (String time : database.query("SELECT started_at || ' ' || finished_at FROM " + schema
                + ".migrate_version_log")) {
            assertTrue(time.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z \\S+Z"), time);
        }
    }

    @Test
    void runnersWithDifferentSearchPathsShareTheLockOfTheOneTableTheyWrite() throws Exception {
        files.table("a1", "none");
        // The version table is created in this test's schema; a second user reaches it through its search path,
        // which puts a schema of its own first.
        ok("upgrade");
        String role = "migrate_lock_" + Long.toHexString(System.nanoTime());
        database.execute("CREATE ROLE " + role + " LOGIN");
        try {
            database.execute("CREATE SCHEMA " + role + " AUTHORIZATION " + role);
            database.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
            database.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + role);
            database.execute("ALTER ROLE " + role + " SET search_path = " + role + ", " + schema);
            // Another runner holds the lock of the table itself: the second user must wait for it, not take another.
            try (Connection holder = database.connect(); Statement lock = holder.createStatement()) {
                lock.execute("SELECT pg_advisory_lock(" + PostgresDialect.lockKey(schema + ".migrate_version") + ")");
                Cli.Result asRole = cli.run("upgrade", "--lock-timeout", "1", "--url", database.jdbcUrl(),
                        "--dir", files.dir().toString(), "--user", role);
                assertEquals(1, asRole.exitCode(), asRole.toString());
                assertTrue(asRole.err().contains("Gave up after 1 s waiting for the migration lock on " + schema
                        + ".migrate_version"), asRole.err());
            }
        } finally {
            database.execute("DROP OWNED BY " + role);
            database.execute("DROP ROLE " + role);
        }
    }

    @Test
    void theLockIsReleasedFromABorrowedConnectionLeftInAnAbortedTransaction() throws Exception {
        Files.writeString(files.dir().resolve("Aborts.java"), """
                import dev.migrate.api.*;
                import java.sql.*;

                @Revision(id = "a1", downRevision = "none", transaction = false)
                public class Aborts implements JavaMigration {
                    public void upgrade(MigrationContext context) throws Exception {
                        context.connection().setAutoCommit(false);
                        try (Statement statement = context.connection().createStatement()) {
                            statement.execute("SELECT * FROM no_such_table");
                        }
                    }
                }
                """);
        try (Connection physical = database.connect()) {
            Migrator migrator = Migrator.builder().dataSource(singleConnection(physical)).dir(files.dir())
                    .schema(schema).build();
            assertThrows(dev.migrate.api.MigrateException.class, () -> migrator.upgrade("head"));
            try (Connection other = database.connect(); Statement statement = other.createStatement();
                 ResultSet taken = statement.executeQuery("SELECT pg_try_advisory_lock("
                         + PostgresDialect.lockKey(schema + ".migrate_version") + ")")) {
                assertTrue(taken.next() && taken.getBoolean(1), "the application's connection still holds the lock");
            }
        }
    }

    @Test
    void aMigrationThatMovesTheSearchPathIsStillRecorded() {
        // Without --schema migrate's tables are found through the search path, which this migration changes: they
        // are named with the schema found when the command started.
        files.write("a1", "none", "CREATE SCHEMA " + schema + "_moved;\nSET search_path TO " + schema + "_moved;\n"
                + "CREATE TABLE t_moved (id INTEGER);", null);
        Cli.Result result = cli.run("upgrade", "--url", database.jdbcUrl(), "--dir", files.dir().toString(),
                "--user", database.server().user());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("a1"), database.query("SELECT version_num FROM public.migrate_version"));
        assertEquals(List.of("t_moved"), database.tables(schema + "_moved"));
    }
}
