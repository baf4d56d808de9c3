package dev.migrate.postgres;

import dev.migrate.testing.Cli;
import dev.migrate.testing.PostgresSchemaTest;
import dev.migrate.testing.PostgresServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI against a real PostgreSQL server. The class has a database of its own; each test works in a schema of its
 * own (through --schema), so tests never see each other's tables or version rows.
 */
class PostgresCliTest extends PostgresSchemaTest {

    private List<String> tables() {
        return database.tables(schema);
    }

    private List<String> versions() {
        return database.versions(schema);
    }

    @Test
    void linearUpgradeDowngradeStampCurrentHistory() {
        files.table("a1", "none");
        files.table("b2", "a1");
        files.table("c3", "b2");
        assertTrue(ok("upgrade", "head").out().contains("Running upgrade b2 -> c3, revision c3"));
        assertEquals(List.of("t_a1", "t_b2", "t_c3"), tables());
        assertEquals(List.of("c3"), versions());
        assertEquals("c3 (head)\n", ok("current").out());
        ok("downgrade", "-1");
        assertEquals(List.of("t_a1", "t_b2"), tables());
        assertTrue(ok("history").out().contains("a1 -> b2 (current), revision b2"));
        ok("downgrade", "base");
        assertEquals(List.of(), tables());
        ok("stamp", "c3");
        assertEquals(List.of("c3"), versions());
        assertEquals(List.of(), tables());
    }

    @Test
    void theLogExplainsObjectsAStampLeftOrNeverMade() {
        files.table("a1", "none");
        files.table("b2", "a1");
        files.table("c3", "b2");
        ok("upgrade", "head");
        ok("stamp", "--purge", "a1"); // b2 and c3 stay built
        Cli.Result upgrade = migrate("upgrade", "head");
        assertEquals(1, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains("The log says b2 was applied here on ") && upgrade.err().contains(
                "record it with `migrate stamp c3` and run the upgrade again."), upgrade.err());
        ok("stamp", "c3");

        ok("downgrade", "base");
        ok("upgrade", "a1");
        ok("stamp", "c3"); // b2 and c3 marked applied; upgraded once, downgraded since
        Cli.Result downgrade = migrate("downgrade", "a1");
        assertEquals(1, downgrade.exitCode(), downgrade.toString());
        assertTrue(downgrade.err().contains("The log says c3 was marked applied by a stamp on ") && downgrade.err()
                .contains("and no upgrade of it has run here since its last downgrade") && downgrade.err()
                .contains("record it with `migrate stamp a1` and run the downgrade again."), downgrade.err());
        assertEquals(List.of("c3"), versions());
    }

    @Test
    void branchedAndMergedGraphs() {
        files.table("a1", "none");
        files.table("x1", "a1");
        files.table("y1", "a1");
        assertEquals(2, migrate("upgrade", "head").exitCode());
        ok("upgrade", "heads");
        assertEquals(List.of("x1", "y1"), versions());
        files.write("m1", "x1, y1", "", "");
        ok("upgrade", "head");
        assertEquals(List.of("m1"), versions());
        ok("downgrade", "-1");
        assertEquals(List.of("x1", "y1"), versions());
        ok("downgrade", "y1");
        assertEquals(List.of("y1"), versions());
        assertEquals(List.of("t_a1", "t_y1"), tables());
    }

    @Test
    void failureInTheThirdStatementRollsBackTheFirstTwo() {
        files.table("a1", "none");
        files.write("b2", "a1", """
                CREATE TABLE t_first (id INTEGER);
                INSERT INTO t_first VALUES (1);
                INSERT INTO t_missing VALUES (1);""", "DROP TABLE t_first;");
        Cli.Result result = migrate("upgrade");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("b2_revision.sql:8") && result.err().contains("t_missing"), result.err());
        assertTrue(result.err().contains("still at a1"), result.err());
        assertEquals(List.of("t_a1"), tables());
        assertEquals(List.of("a1"), versions());
    }

    @Test
    void dollarQuotedBodiesAndNoticesAreShown() {
        files.write("a1", "none", """
                CREATE TABLE t_log (line TEXT);
                CREATE FUNCTION log_line(text) RETURNS void LANGUAGE plpgsql AS $body$
                BEGIN
                  INSERT INTO t_log VALUES ($1 || '; logged');
                  RAISE NOTICE 'logged %; really', $1;
                END;
                $body$;
                DO $$
                BEGIN
                  PERFORM log_line('first');
                  RAISE WARNING 'second; warning';
                END
                $$;
                CREATE TABLE IF NOT EXISTS t_log (line TEXT);""", "DROP FUNCTION log_line(text); DROP TABLE t_log;");
        Cli.Result result = ok("upgrade");
        List<String> lines = result.out().lines().toList();
        assertEquals("PostgreSQL " + database.server().user() + "@" + database.server().host() + ":"
                + database.server().port() + "/" + database.name() + ", schema " + schema, lines.get(0));
        assertTrue(lines.get(1).startsWith("Running upgrade <base> -> a1"), result.out());
        assertTrue(lines.contains("  NOTICE: logged first; really"), result.out());
        assertTrue(lines.contains("  WARNING: second; warning"), result.out());
        assertTrue(result.out().contains("NOTICE: relation \"t_log\" already exists, skipping"), result.out());
        assertEquals(List.of("first; logged"), database.query("SELECT line FROM " + schema + ".t_log"));
        // With -q the migration's line is not printed: each message names its revision instead.
        ok("downgrade", "base");
        List<String> quiet = ok("upgrade", "-q").out().lines().toList();
        assertTrue(quiet.contains("a1: NOTICE: logged first; really"), quiet.toString());
        assertTrue(quiet.contains("a1: WARNING: second; warning"), quiet.toString());
    }

    @Test
    void createIndexConcurrentlyInANonTransactionalMigration() {
        files.table("a1", "none");
        files.writeRaw("b2", """
                -- revision: b2
                -- down_revision: a1
                -- transaction: false

                -- migrate:upgrade
                CREATE INDEX CONCURRENTLY t_a1_id ON t_a1 (id);

                -- migrate:downgrade
                DROP INDEX CONCURRENTLY t_a1_id;
                """);
        ok("upgrade");
        assertEquals(List.of("t_a1_id"), database.query(
                "SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema + "' AND indexname = 't_a1_id'"));
        assertEquals(List.of("b2"), versions());
        ok("downgrade", "a1");
        assertEquals(List.of(), database.query(
                "SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema + "' AND indexname = 't_a1_id'"));
    }

    @Test
    void failedNonTransactionalMigrationSaysWhichStatementsRan() {
        files.table("a1", "none");
        files.writeRaw("b2", """
                -- revision: b2
                -- down_revision: a1
                -- transaction: false

                -- migrate:upgrade
                CREATE TABLE t_kept (id INTEGER);
                CREATE INDEX CONCURRENTLY t_kept_id ON t_kept (id);
                CREATE INDEX CONCURRENTLY broken ON t_nowhere (id);
                """);
        Cli.Result result = migrate("upgrade");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("lines [6, 7] completed and stay applied"), result.err());
        assertTrue(result.err().contains("still at a1"), result.err());
        assertEquals(List.of("a1"), versions());
        assertEquals(List.of("t_a1", "t_kept"), tables());
    }

    @Test
    void transactionModeAllRollsBackTheWholeRun() {
        files.table("a1", "none");
        files.table("b2", "a1");
        files.write("c3", "b2", "CREATE TABLE t_c3 (id INTEGER); SELECT no_such_function();", "DROP TABLE t_c3;");
        Cli.Result result = migrate("upgrade", "--transaction-mode", "all");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("the whole run was rolled back"), result.err());
        assertTrue(result.err().contains("still at base"), result.err());
        assertEquals(List.of(), tables());
        assertEquals(List.of(), versions());
        // Per migration (the default), the first two stay.
        assertEquals(1, migrate("upgrade").exitCode());
        assertEquals(List.of("b2"), versions());
    }

    @Test
    void transactionModeAllRefusesNonTransactionalMigrationsBeforeRunning() {
        files.table("a1", "none");
        files.writeRaw("b2", "-- revision: b2\n-- down_revision: a1\n-- transaction: false\n-- migrate:upgrade\nSELECT 1;\n");
        Cli.Result result = migrate("upgrade", "--transaction-mode", "all");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("b2"), result.err());
        assertEquals(List.of(), tables());
    }

    @Test
    void passwordNeverAppearsInOutput() {
        String password = database.server().password() == null ? "Ex4mple-Pa55word" : database.server().password();
        files.table("a1", "none");
        files.write("b2", "a1", "SELECT broken_on_purpose();", null);
        Map<String, String> environment = Map.of("DATABASE_URL", database.uri(password));
        Cli env = new Cli(environment);
        List<Cli.Result> results = List.of(
                env.run("-v", "upgrade", "a1", "--dir", files.dir().toString(), "--schema", schema),
                env.run("-v", "upgrade", "--dir", files.dir().toString(), "--schema", schema),
                env.run("-v", "current", "--dir", files.dir().toString(), "--schema", schema),
                cli.run("-v", "current", "--url", database.uri(password).replace(":" + database.server().port() + "/", ":1/"),
                        "--dir", files.dir().toString()),
                cli.run("-v", "current", "--url", database.server().url("no_such_database") + "?password=" + password
                        + "&user=" + database.server().user(), "--dir", files.dir().toString()));
        assertEquals(0, results.get(0).exitCode(), results.get(0).toString());
        assertTrue(results.get(0).err().contains("(password ***)"), results.get(0).err());
        assertEquals(1, results.get(1).exitCode(), results.get(1).toString());
        assertEquals(1, results.get(3).exitCode(), results.get(3).toString());
        assertEquals(1, results.get(4).exitCode(), results.get(4).toString());
        for (Cli.Result result : results) {
            assertFalse(result.out().contains(password) || result.err().contains(password), result.toString());
        }
    }

    @Test
    void unreachableServerIsOneLineWithHostAndPort() {
        files.table("a1", "none");
        Cli.Result result = cli.run("upgrade", "--url", "jdbc:postgresql://127.0.0.1:1/nowhere", "--dir", files.dir().toString());
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().startsWith("error: Cannot connect to PostgreSQL at 127.0.0.1:1 (database nowhere)"),
                result.err());
        assertTrue(result.err().contains("refused"), result.err());
    }

    @Test
    void historyWithoutAReachableDatabaseStillListsRevisions() {
        files.table("a1", "none");
        Cli.Result result = cli.run("history", "--url", "jdbc:postgresql://127.0.0.1:1/nowhere", "--dir",
                files.dir().toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("<base> -> a1 (head), revision a1\n", result.out());
        assertTrue(result.err().startsWith("warning: The current revision is not marked: Cannot connect to PostgreSQL at "
                + "127.0.0.1:1"), result.err());
    }

    @Test
    void waitTimesOutAgainstAClosedPort() {
        files.table("a1", "none");
        long started = System.nanoTime();
        Cli.Result result = cli.run("current", "--wait", "2", "--url", "jdbc:postgresql://127.0.0.1:1/nowhere",
                "--dir", files.dir().toString());
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("Waiting up to 2 s for PostgreSQL at 127.0.0.1:1"), result.err());
        assertTrue(result.err().contains("after waiting 2 s"), result.err());
        assertTrue(seconds >= 2, "gave up after " + seconds + " s, before the wait was over");
    }

    @Test
    void waitSucceedsWhenTheDatabaseAppearsLate() throws Exception {
        files.table("a1", "none");
        PostgresServer.Server server = database.server();
        String late = database.name() + "_late";
        List<String> args = new ArrayList<>(List.of("upgrade", "--wait", "30", "--url", server.url(late) , "--dir",
                files.dir().toString()));
        args.addAll(database.credentials());
        Cli.Result[] result = new Cli.Result[1];
        Thread runner = new Thread(() -> result[0] = cli.run(args.toArray(String[]::new)));
        try {
            runner.start();
            Thread.sleep(1500);
            assertTrue(runner.isAlive(), "the command should still be waiting for the database");
            PostgresServer.createDatabaseNamed(server, late);
            runner.join(60_000);
            assertEquals(0, result[0].exitCode(), result[0].toString());
            assertTrue(result[0].err().contains("Waiting up to 30 s"), result[0].err());
            assertTrue(result[0].out().contains("Running upgrade <base> -> a1"), result[0].out());
        } finally {
            runner.join(60_000);
            PostgresServer.dropDatabase(server, late);
        }
    }

    @Test
    void javaBackfillRunsInTheMigrationsTransaction() throws Exception {
        files.write("a1", "none", "CREATE TABLE t_person (id INTEGER PRIMARY KEY, name TEXT, name_length INTEGER);\n"
                + "INSERT INTO t_person (id, name) VALUES (1, 'ada'), (2, 'grace');", "DROP TABLE t_person;");
        java.nio.file.Files.writeString(files.dir().resolve("MeasureNames.java"), """
                import dev.migrate.api.*;
                @Revision(id = "b2", downRevision = "a1", message = "measure names")
                public class MeasureNames implements JavaMigration {
                    public void upgrade(MigrationContext context) throws Exception {
                        try (var statement = context.connection().createStatement()) {
                            statement.executeUpdate("UPDATE t_person SET name_length = length(name)");
                            if (context.arguments().containsKey("fail")) {
                                throw new IllegalStateException("asked to fail on " + context.dialect());
                            }
                        }
                    }
                }
                """);
        Cli.Result failed = migrate("upgrade", "-x", "fail=yes");
        assertEquals(1, failed.exitCode(), failed.toString());
        assertTrue(failed.err().contains("asked to fail on postgresql"), failed.err());
        assertEquals(java.util.Arrays.asList(null, null), database.query(
                "SELECT name_length FROM " + schema + ".t_person ORDER BY id"));
        ok("upgrade");
        assertEquals(List.of("3", "5"), database.query("SELECT name_length FROM " + schema + ".t_person ORDER BY id"));
        assertEquals(List.of("b2"), versions());
    }

    @Test
    void lockTimeoutWhenAnotherRunnerHoldsTheLock() throws Exception {
        files.table("a1", "none");
        try (Connection holder = database.connect();
             PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, dev.migrate.db.PostgresDialect.lockKey(schema + ".migrate_version"));
            lock.execute();
            Cli.Result result = migrate("upgrade", "--lock-timeout", "1");
            assertEquals(1, result.exitCode(), result.toString());
            assertTrue(result.err().contains("Waiting for another migrate command"), result.err());
            assertTrue(result.err().contains("Gave up after 1 s waiting for the migration lock"), result.err());
        }
        assertEquals(List.of(), tables());
        ok("upgrade", "--lock-timeout", "1");
        assertEquals(List.of("t_a1"), tables());
    }
}
