package dev.migrate.cli;

import dev.migrate.Migrator;
import dev.migrate.api.MigrationListener;
import dev.migrate.api.RunResult;
import dev.migrate.api.StepInfo;
import dev.migrate.testing.Cli;
import dev.migrate.testing.SqliteProjectTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** migrate never applies, records or reports anything but what happened: SQLite files through the CLI. */
class TrustCliTest extends SqliteProjectTest {
    private Path lockFile;

    @BeforeEach
    void setUp() {
        lockFile = work.resolve("app.db.migrate-lock");
    }

    private static String withoutTimes(String out) {
        return out.replaceAll(" \\(\\d+ ms\\)", "");
    }

    private void javaMigration(String className, String id, String down, String upgradeBody) throws IOException {
        Files.writeString(files.dir().resolve(className + ".java"), """
                import dev.migrate.api.*;
                import java.sql.*;

                @Revision(id = "%s", downRevision = "%s")
                public class %s implements JavaMigration {
                    public void upgrade(MigrationContext context) throws Exception {
                        try (Statement statement = context.connection().createStatement()) {
                            %s
                        }
                    }
                }
                """.formatted(id, down, className, upgradeBody));
    }

    @Test
    void aJavaMigrationThatThrowsAnErrorCommitsNothing() throws IOException {
        files.write("a1", "none", "CREATE TABLE t_person (name TEXT);", "DROP TABLE t_person;");
        javaMigration("HalfDone", "b2", "a1", """
                statement.executeUpdate("INSERT INTO t_person VALUES ('half')");
                            throw new AssertionError("invariant broken after the first insert");""");
        Cli.Result result = migrate("upgrade");
        assertEquals(1, result.exitCode(), result.toString());
        // The line of the throw (the ninth of the file the helper writes), as a SQL failure names its statement's.
        assertTrue(result.err().contains("Upgrade of revision b2 failed in " + files.dir().resolve("HalfDone.java")
                + ":9."), result.err());
        assertTrue(result.err().contains("The migration threw java.lang.AssertionError: invariant broken"), result.err());
        assertTrue(result.err().contains("The migration was rolled back"), result.err());
        assertFalse(result.err().contains("internal error"), result.err());
        assertEquals(List.of(), db.query("SELECT name FROM t_person"), "the half of b2 that ran is rolled back");
        assertEquals(List.of("a1"), db.versions());

        // The whole run in one transaction: a1 goes too.
        ok("downgrade", "base");
        Cli.Result all = migrate("upgrade", "--transaction-mode", "all");
        assertEquals(1, all.exitCode(), all.toString());
        assertTrue(all.err().contains("the whole run was rolled back"), all.err());
        assertEquals(List.of(), db.versions());
        assertEquals(List.of(), db.query("SELECT name FROM sqlite_master WHERE name = 't_person'"));
    }

    @Test
    void refusedCommandsLeaveNoDatabaseBehind() {
        files.table("a1", "none");
        files.table("x2", "a1");
        files.table("y2", "a1");
        files.table("y3", "y2");
        for (String[] command : List.of(new String[] {"upgrade"}, new String[] {"upgrade", "nosuch"},
                new String[] {"upgrade", "y"}, new String[] {"downgrade", "-1"}, new String[] {"stamp", "zzz"},
                new String[] {"stamp", "head"})) {
            Cli.Result result = migrate(command);
            assertEquals(2, result.exitCode(), String.join(" ", command) + ": " + result);
            assertFalse(Files.exists(db.path()), String.join(" ", command) + " created the database");
            assertFalse(Files.exists(lockFile), String.join(" ", command) + " created the lock file");
        }
    }

    @Test
    void refusedCommandsLeaveAnExistingDatabaseByteForByte() throws IOException {
        files.table("a1", "none");
        files.table("x2", "a1");
        files.table("y2", "a1");
        ok("upgrade", "a1");
        Files.delete(lockFile);
        byte[] before = Files.readAllBytes(db.path());
        for (String[] command : List.of(new String[] {"upgrade"}, new String[] {"upgrade", "nosuch"},
                new String[] {"downgrade", "-2"}, new String[] {"downgrade", "x2"}, new String[] {"stamp", "zzz"})) {
            Cli.Result result = migrate(command);
            assertEquals(2, result.exitCode(), String.join(" ", command) + ": " + result);
            assertArrayEquals(before, Files.readAllBytes(db.path()), String.join(" ", command) + " changed the file");
            assertFalse(Files.exists(lockFile), String.join(" ", command) + " created the lock file");
        }
    }

    @Test
    void upgradeHistoryAndScriptsFollowTheOrderTheMergeListsItsParents() {
        files.table("r", "none");
        files.table("x1", "r");
        files.table("y1", "r");
        files.write("m", "y1, x1", "", "");
        String up = withoutTimes(ok("upgrade", "head").out());
        assertTrue(up.indexOf("-> y1") < up.indexOf("-> x1"), up);
        String history = ok("history").out();
        assertTrue(history.indexOf("-> x1") < history.indexOf("-> y1"), "newest first: " + history);
        String script = ok("upgrade", "head", "--sql").out();
        assertTrue(script.indexOf("CREATE TABLE t_y1") < script.indexOf("CREATE TABLE t_x1"), script);
    }

    @Test
    void downgradingANestedMergeWritesOneRowPerRealHead() {
        files.table("a", "none");
        files.table("b", "a");
        files.table("c", "b");
        files.write("m", "c, b, a", "", "");
        ok("upgrade");
        assertEquals(List.of("m"), db.versions());
        ok("downgrade", "-1");
        assertEquals(List.of("c"), db.versions(), "b and a are ancestors of c: no rows of their own");
        assertEquals("c\n", ok("current").out());
    }

    @Test
    void anUnfinishedNonTransactionalMigrationStopsTheNextRunUntilStamped() {
        files.table("a1", "none");
        files.writeRaw("b2", """
                -- revision: b2
                -- down_revision: a1
                -- transaction: false

                -- migrate:upgrade
                CREATE TABLE t_first (id INTEGER);
                CREATE TABLE t_second (id INTEGER);
                INSERT INTO t_missing VALUES (1);

                -- migrate:downgrade
                DROP TABLE t_second;
                DROP TABLE t_first;
                """);
        Cli.Result failed = migrate("upgrade");
        assertEquals(1, failed.exitCode(), failed.toString());
        assertTrue(failed.err().contains("The statements starting on lines [6, 7] completed"), failed.err());

        Cli.Result again = migrate("upgrade");
        assertEquals(1, again.exitCode(), again.toString());
        assertTrue(again.err().contains("An earlier run did not finish a migration"), again.err());
        assertTrue(again.err().contains("upgrade of revision b2 (" + files.dir().resolve("b2_revision.sql")
                + "), started "), again.err());
        assertTrue(again.err().contains("the statements starting on lines [6, 7] completed"), again.err());
        assertTrue(again.err().contains("`migrate stamp b2`"), again.err());
        assertFalse(again.out().contains("Running"), again.out());
        assertEquals(List.of("a1"), db.versions());
        Cli.Result current = ok("current");
        assertTrue(current.err().contains("an earlier run did not finish b2 (transaction: false)"), current.err());

        // The operator undoes it by hand and stamps where the database really is; the fixed migration then runs.
        db.execute("DROP TABLE t_first");
        db.execute("DROP TABLE t_second");
        ok("stamp", "a1");
        files.writeRaw("b2", """
                -- revision: b2
                -- down_revision: a1
                -- transaction: false

                -- migrate:upgrade
                CREATE TABLE t_first (id INTEGER);
                CREATE TABLE t_second (id INTEGER);

                -- migrate:downgrade
                DROP TABLE t_second;
                DROP TABLE t_first;
                """);
        ok("upgrade");
        assertEquals(List.of("b2"), db.versions());
        assertEquals(List.of(), db.query("SELECT revision FROM migrate_version_progress"));
    }

    @Test
    void placeholdersQuoteLiteralsAndIdentifiersOnRequest() {
        files.writeRaw("a1", """
                -- revision: a1
                -- down_revision: none
                -- placeholders: true

                -- migrate:upgrade
                CREATE TABLE ${table:identifier} (name TEXT);
                INSERT INTO ${table:identifier} VALUES (${who:literal});
                """);
        ok("upgrade", "-x", "table=audit \"log\"", "-x", "who=o'brien'); DROP TABLE migrate_version; --");
        assertEquals(List.of("o'brien'); DROP TABLE migrate_version; --"), db.query("SELECT name FROM \"audit \"\"log\"\"\""));
        assertEquals(List.of("a1"), db.versions());

        files.writeRaw("b2", """
                -- revision: b2
                -- down_revision: a1
                -- placeholders: true

                -- migrate:upgrade
                INSERT INTO t VALUES (${who:string});
                """);
        Cli.Result unknownForm = migrate("upgrade", "-x", "who=x");
        assertEquals(2, unknownForm.exitCode(), unknownForm.toString());
        assertTrue(unknownForm.err().contains("b2_revision.sql:6: revision b2: placeholder ${who:string} has an unknown "
                + "form 'string'"), unknownForm.err());
    }

    @Test
    void tablesLeftAfterStampBaseAreNotCalledAnotherToolsWork() {
        files.table("a1", "none");
        ok("upgrade", "head");
        ok("stamp", "base");
        Cli.Result current = ok("current");
        assertTrue(current.out().startsWith("base (no revision recorded, but the database is not empty)"), current.out());
        assertTrue(current.out().contains("The version table migrate_version is empty, but the database has 1 table "
                + "(t_a1): a `stamp base` or a downgrade may have left them, or they were built by other means"),
                current.out());
        assertFalse(current.out().contains("but no version table"), current.out());
        assertTrue(ok("current", "--format", "json").out().contains("\"version_table_exists\" : true"));
    }

    @Test
    void aDatabaseBuiltByOtherMeansIsRecognised() {
        db.execute("CREATE TABLE t_a1 (id INTEGER PRIMARY KEY)");
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)");
        files.table("a1", "none");
        Cli.Result current = ok("current");
        assertTrue(current.out().startsWith("base (no revision recorded, but the database is not empty)"), current.out());
        assertTrue(current.out().contains("already had 2 tables (alembic_version, t_a1) but no version table "
                + "migrate_version"), current.out());
        assertTrue(current.out().contains("--version-table alembic_version"), current.out());
        assertTrue(current.out().contains("`migrate stamp REVISION`"), current.out());

        Cli.Result upgrade = migrate("upgrade");
        assertEquals(1, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains("table t_a1 already exists"), upgrade.err());
        assertTrue(upgrade.err().contains("This database already had 2 tables"), upgrade.err());
        assertFalse(upgrade.err().contains("  Fix the migration and run the command again."),
                "the stamp comes first, fixing the migration only if no revision matches: " + upgrade.err());
        assertTrue(upgrade.err().contains("If it matches none, fix the migration"), upgrade.err());
        // The failed run left an empty version table: a retry still says what to do about the tables.
        Cli.Result retry = migrate("upgrade");
        assertEquals(1, retry.exitCode(), retry.toString());
        assertTrue(retry.err().contains("The version table migrate_version is empty, but the database has 2 tables"),
                retry.err());
        assertTrue(retry.err().contains("`migrate stamp REVISION`"), retry.err());

        ok("stamp", "a1");
        assertEquals("a1 (head)\n", ok("current").out());
    }

    @Test
    void currentShowsTheRowsEvenWhenTheFolderIsBroken() {
        files.table("a1", "none");
        files.table("b2", "a1");
        ok("upgrade");
        files.table("c3", "b22");
        Cli.Result current = migrate("current");
        assertEquals(2, current.exitCode(), current.toString());
        assertEquals("b2\n", current.out());
        assertTrue(current.err().contains("has 1 problem, so they are not compared with it"), current.err());
        assertTrue(current.err().contains("down_revision names b22"), current.err());
    }

    @Test
    void aRunnerThatWaitedForTheLockReadsWhatTheHolderCommitted() throws Exception {
        files.table("a1", "none");
        files.table("b2", "a1");
        // The database and its (empty) version table, as a holder that has not applied anything yet leaves them.
        db.execute("CREATE TABLE migrate_version (version_num VARCHAR(64) NOT NULL PRIMARY KEY)");
        CountDownLatch waitingForLock = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        Migrator second = Migrator.builder().url(db.url()).dir(files.dir()).listener(new MigrationListener() {
            @Override
            public void waiting(String message) {
                waitingForLock.countDown();
            }

            @Override
            public void migrationStarted(StepInfo step) {
                ran.add(step.revision());
            }
        }).build();
        CompletableFuture<RunResult> result;
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            assertTrue(held.isValid());
            result = CompletableFuture.supplyAsync(() -> second.upgrade("head"));
            assertTrue(waitingForLock.await(20, TimeUnit.SECONDS), "the second runner waits for the lock");
            // What the holder does while the other one waits: a1 applied and committed.
            db.execute("CREATE TABLE t_a1 (id INTEGER PRIMARY KEY)");
            db.execute("INSERT INTO migrate_version VALUES ('a1')");
        }
        assertEquals(List.of("a1"), result.get(20, TimeUnit.SECONDS).headsBefore());
        assertEquals(List.of("b2"), ran, "only what the holder had not applied");
        assertEquals(List.of("b2"), db.versions());
    }

    @Test
    void theLockIsTheRealFilesWhateverPathNamesIt() throws Exception {
        files.table("a1", "none");
        ok("upgrade", "head");
        files.table("b2", "a1");
        // Another runner reached the same database through a symbolic link (to the file, or to its folder).
        Path linkedFile = Files.createSymbolicLink(work.resolve("link.db"), db.path());
        Path linkedFolder = Files.createSymbolicLink(work.resolve("linked"), work);
        for (Path other : List.of(linkedFile, linkedFolder.resolve("app.db"))) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = channel.lock()) {
                assertTrue(held.isValid());
                Cli.Result waited = cli.run("upgrade", "head", "--lock-timeout", "1", "--url=jdbc:sqlite:" + other,
                        "--dir=" + files.dir());
                assertEquals(1, waited.exitCode(), other + ": " + waited);
                assertEquals(List.of("a1"), db.versions(), other + " migrated while the lock was held");
            }
        }
        assertFalse(Files.exists(work.resolve("link.db.migrate-lock")));
    }

    @Test
    void transactionControlInATransactionalMigrationIsRefusedBeforeAnythingRuns() {
        files.table("a1", "none");
        files.write("b2", "a1", "CREATE TABLE t_kept (id INTEGER);\nCOMMIT;\nCREATE TABLE t_after (id INTEGER);",
                "DROP TABLE t_after;\nDROP TABLE t_kept;");
        Path file = files.dir().resolve("b2_revision.sql");
        Cli.Result upgrade = migrate("upgrade");
        assertEquals(2, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains(file + ":7: revision b2: 'COMMIT' is transaction control"), upgrade.err());
        assertTrue(upgrade.err().contains("transaction: false"), upgrade.err());
        assertFalse(Files.exists(db.path()), "not even a1 ran");

        Cli.Result check = cli.run("check", "--dir=" + files.dir());
        assertEquals(3, check.exitCode(), check.toString());
        assertTrue(check.out().contains(file + ":7: revision b2: 'COMMIT' is transaction control"), check.out());

        Cli.Result script = migrate("upgrade", "head", "--sql");
        assertEquals(2, script.exitCode(), script.toString());
        assertTrue(script.err().contains(file + ":7"), script.err());
    }

    @Test
    void anUnterminatedCommentIsAProblemNotTheEndOfTheFile() {
        files.write("a1", "none", "CREATE TABLE t_one (id INTEGER);\n/* the rest is commented out by mistake\n"
                + "CREATE TABLE t_two (id INTEGER);", null);
        Path file = files.dir().resolve("a1_revision.sql");
        Cli.Result check = cli.run("check", "--dir=" + files.dir());
        assertEquals(3, check.exitCode(), check.toString());
        assertTrue(check.out().contains(file + ":7: revision a1: "), check.out());
        Cli.Result upgrade = migrate("upgrade");
        assertEquals(2, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains(file + ":7"), upgrade.err());
        assertFalse(Files.exists(db.path()));
        assertEquals(2, migrate("upgrade", "head", "--sql").exitCode());
    }

    @Test
    void aPlaceholderThatExpandsToTransactionControlIsRefusedBeforeItRuns() {
        files.table("a1", "none");
        ok("upgrade");
        files.writeRaw("b2", """
                -- revision: b2
                -- down_revision: a1
                -- placeholders: true

                -- migrate:upgrade
                CREATE TABLE t_lost (id INTEGER);
                ${end};
                """);
        Cli.Result result = migrate("upgrade", "-x", "end=ROLLBACK");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("b2_revision.sql:7: revision b2: with the values given: 'ROLLBACK' is "
                + "transaction control"), result.err());
        assertFalse(result.out().contains("-> b2"), "refused before it started: " + result.out());
        assertEquals(List.of("a1"), db.versions());
        assertEquals(List.of("t_a1"), db.tables());
    }

    @Test
    void aFileChangedWhileWaitingForTheLockIsNotRunUnderItsOldReading() throws Exception {
        files.table("a1", "none");
        files.write("b2", "a1", "CREATE TABLE t_b2 (id INTEGER PRIMARY KEY);", "DROP TABLE t_b2;");
        ok("upgrade", "a1");
        CountDownLatch waitingForLock = new CountDownLatch(1);
        Migrator runner = Migrator.builder().url(db.url()).dir(files.dir()).listener(new MigrationListener() {
            @Override
            public void waiting(String message) {
                waitingForLock.countDown();
            }
        }).build();
        CompletableFuture<RunResult> result;
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            assertTrue(held.isValid());
            result = CompletableFuture.supplyAsync(() -> runner.upgrade("head"));
            assertTrue(waitingForLock.await(20, TimeUnit.SECONDS), "the runner waits for the lock");
            // A checkout while it waits: the sections swap places, the line numbers with them.
            files.writeRaw("b2", "-- revision: b2\n-- down_revision: a1\n\n-- migrate:upgrade\n"
                    + "DROP TABLE t_a1;\n\n-- migrate:downgrade\nCREATE TABLE t_b2 (id INTEGER PRIMARY KEY);\n");
        }
        ExecutionException error = assertThrows(ExecutionException.class, () -> result.get(20, TimeUnit.SECONDS));
        assertTrue(error.getCause().getMessage().contains("changed after migrate read it"), error.getCause().getMessage());
        assertTrue(error.getCause().getMessage().contains("Nothing of revision b2 was run. The database is at a1."),
                error.getCause().getMessage());
        assertEquals(List.of("a1"), db.versions());
        assertEquals(List.of("t_a1"), db.tables());
    }

    @Test
    void aFileChangedDuringARunRunsAsItWasCheckedAndShowsAsChangedAfter() {
        files.table("a1", "none");
        files.write("b2", "a1", "CREATE TABLE t_b2 (id INTEGER PRIMARY KEY);", "DROP TABLE t_b2;");
        Migrator runner = Migrator.builder().url(db.url()).dir(files.dir()).listener(new MigrationListener() {
            @Override
            public void migrationStarted(StepInfo step) {
                if (step.revision().equals("a1")) {
                    // A checkout while the run is under way: b2's sections swap places, the line numbers with them.
                    files.writeRaw("b2", "-- revision: b2\n-- down_revision: a1\n\n-- migrate:upgrade\n"
                            + "DROP TABLE t_a1;\n\n-- migrate:downgrade\nCREATE TABLE t_b2 (id INTEGER PRIMARY KEY);\n");
                }
            }
        }).build();
        runner.upgrade("head");
        assertEquals(List.of("b2"), db.versions());
        assertEquals(List.of("t_a1", "t_b2"), db.tables(), "the run finished with the text it checked before it began");
        Cli.Result status = migrate("status");
        assertEquals(3, status.exitCode(), "the log holds what ran, so the edit shows: " + status);
        assertTrue(status.out().contains("changed    b2"), status.out());
    }

    @Test
    void placeholderValuesCannotChangeWhatRuns() {
        files.writeRaw("a1", """
                -- revision: a1
                -- down_revision: none
                -- placeholders: true

                -- migrate:upgrade
                CREATE TABLE people (name TEXT, admin INTEGER);
                INSERT INTO people VALUES ('${name:literal}', 0);
                """);
        Cli.Result quoted = migrate("upgrade", "-x", "name=x");
        assertEquals(2, quoted.exitCode(), quoted.toString());
        assertTrue(quoted.err().contains("placeholder ${name:literal} stands inside quotes"), quoted.err());
        assertFalse(Files.exists(db.path()));

        files.writeRaw("a1", """
                -- revision: a1
                -- down_revision: none
                -- placeholders: true

                -- migrate:upgrade
                CREATE TABLE people (name TEXT, admin INTEGER);
                INSERT INTO people VALUES (${name}, 0);
                """);
        Cli.Result injected = migrate("upgrade", "-x", "name='eve', 1); DROP TABLE people; --");
        assertEquals(2, injected.exitCode(), injected.toString());
        assertTrue(injected.err().contains("a1_revision.sql:7: revision a1: with the values given, this statement "
                + "becomes 2 statements"), injected.err());
        assertFalse(Files.exists(db.path()));
        ok("upgrade", "-x", "name='eve'");
        assertEquals(List.of("eve"), db.query("SELECT name FROM people"));
    }

    @Test
    void aTransactionalJavaMigrationCannotCommitPartOfItself() throws IOException {
        files.write("a1", "none", "CREATE TABLE t_person (name TEXT);", "DROP TABLE t_person;");
        javaMigration("CommitsEarly", "b2", "a1", """
                statement.executeUpdate("INSERT INTO t_person VALUES ('early')");
                            context.connection().commit();
                            throw new IllegalStateException("then fails");""");
        Cli.Result result = migrate("upgrade");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("must not call commit()"), result.err());
        assertTrue(result.err().contains("The migration was rolled back"), result.err());
        assertEquals(List.of(), db.query("SELECT name FROM t_person"), "nothing of b2 was committed");
        assertEquals(List.of("a1"), db.versions());
    }

    @Test
    void aJavaMigrationThatCommitsThroughAStatementIsReportedAsItHappened() throws IOException {
        // SQLite's driver cannot say whether a transaction is open: the guard savepoint, gone with the transaction
        // the COMMIT ended, says it. Without the check, the version change was written after the COMMIT (in
        // autocommit, so it stayed) and the command then said the database was still at a1.
        files.write("a1", "none", "CREATE TABLE t_person (name TEXT);", "DROP TABLE t_person;");
        javaMigration("CommitsInSql", "b2", "a1", """
                statement.executeUpdate("INSERT INTO t_person VALUES ('kept')");
                            statement.execute("COMMIT");""");
        Cli.Result result = migrate("upgrade");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("Its code ended the migration's transaction"), result.err());
        assertTrue(result.err().contains("The version table now holds a1."), result.err());
        assertEquals(List.of("a1"), db.versions(), "b2 is not recorded");
        assertEquals(List.of("kept"), db.query("SELECT name FROM t_person"), "what the COMMIT kept stays, as said");
    }

    @Test
    void underOneTransactionACommitInJavaReportsTheRowsItKept() throws IOException {
        // --transaction-mode all: the COMMIT also commits a1 and its version row, run before it in the same
        // transaction. The report must say where the database is now, not where the run began.
        files.write("a1", "none", "CREATE TABLE t_person (name TEXT);", "DROP TABLE t_person;");
        javaMigration("CommitsAll", "b2", "a1", """
                statement.execute("COMMIT");""");
        Cli.Result result = migrate("upgrade", "--transaction-mode", "all");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("Its code ended the migration's transaction"), result.err());
        assertTrue(result.err().contains("The version table now holds a1."), result.err());
        assertEquals(List.of("a1"), db.versions());
    }

    @Test
    void commandsWithNothingToDoCreateNothing() {
        files.table("a1", "none");
        Cli.Result downgrade = ok("downgrade", "base");
        assertTrue(downgrade.out().contains("Nothing to do"), downgrade.out());
        assertFalse(Files.exists(db.path()), "downgrade base on a missing database created it");
        assertFalse(Files.exists(lockFile));
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        Cli.Result result = cli.run("current", "--url", "postgresql://app:secret@127.0.0.1:99999/app",
                "--dir=" + files.dir());
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("The port '99999'") && !result.err().contains("secret"), result.err());
        assertFalse(result.err().contains("internal error"), result.err());
    }

    @Test
    void anOfflineSqliteScriptStopsAtTheFirstError() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sqlite3")), "the sqlite3 shell is not installed");
        files.write("a1", "none", "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);", "DROP TABLE t;");
        files.write("b2", "a1", "INSERT INTO t VALUES (1, 'x');\nINSERT INTO t VALUES (2, NULL);", "DELETE FROM t;");
        Path script = work.resolve("up.sql");
        Files.writeString(script, ok("upgrade", "head", "--sql", "--dialect", "sqlite").out());
        // As the README says to run it: plain sqlite3 with the script on stdin, no -bail option.
        Process sqlite = new ProcessBuilder("sqlite3", db.path().toString()).redirectInput(script.toFile())
                .redirectErrorStream(true).start();
        sqlite.getInputStream().readAllBytes();
        sqlite.waitFor();
        assertEquals(List.of("a1"), db.versions(), "b2 failed half-way: it must not be recorded");
        assertEquals(List.of(), db.query("SELECT id FROM t"), "and its first INSERT must not stay");
        // a1's log row reads like a live run's: ISO 8601 in UTC, as Instant.toString() writes it.
        String time = db.query("SELECT started_at FROM migrate_version_log WHERE revision = 'a1'").get(0);
        assertTrue(time.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), time);
    }

    @Test
    void anOfflineScriptAppliedToADatabaseElsewhereStopsBeforeChangingIt() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sqlite3")), "the sqlite3 shell is not installed");
        files.table("a1", "none");
        files.table("b2", "a1");
        ok("upgrade", "a1");
        Path script = work.resolve("rest.sql");
        Files.writeString(script, ok("upgrade", "a1:head", "--sql").out()); // from a1, where the database is now
        ok("stamp", "base"); // then someone moved the database elsewhere
        Process sqlite = new ProcessBuilder("sqlite3", db.path().toString()).redirectInput(script.toFile())
                .redirectErrorStream(true).start();
        String said = new String(sqlite.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, sqlite.waitFor(), said);
        assertTrue(said.contains("CHECK constraint failed: migrate: the version table is not at the revisions "
                + "this script continues from"), said);
        assertEquals(List.of(), db.versions(), "b2 is not recorded over a database at base");
        assertFalse(db.query("SELECT name FROM sqlite_master WHERE type = 'table'").contains("t_b2"), "b2 did not run");
        assertFalse(db.query("SELECT revision FROM migrate_version_log").contains("b2"), "nor was it logged");

        // A script for one branch applies beside another branch's row: only the rows it changes are checked.
        files.table("x1", "a1");
        files.table("y1", "a1");
        files.table("x2", "x1");
        ok("stamp", "a1");
        ok("upgrade", "x1");
        ok("upgrade", "y1");
        Path branch = work.resolve("branch.sql");
        Files.writeString(branch, ok("upgrade", "x1:x2", "--sql").out());
        Process applied = new ProcessBuilder("sqlite3", db.path().toString()).redirectInput(branch.toFile())
                .redirectErrorStream(true).start();
        String output = new String(applied.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, applied.waitFor(), output);
        assertEquals(List.of("x2", "y1"), db.versions());
    }

    @Test
    void anOfflineScriptAppliedTwiceStopsBeforeRunningAnyMigrationAgain() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sqlite3")), "the sqlite3 shell is not installed");
        files.write("a1", "none", "CREATE TABLE IF NOT EXISTS t_a (x INTEGER);\nINSERT INTO t_a VALUES (1);",
                "DROP TABLE t_a;");
        files.table("b2", "a1");
        Path script = work.resolve("up.sql");
        Files.writeString(script, ok("upgrade", "head", "--sql", "--dialect", "sqlite").out());
        assertEquals(0, sqlite3(script).exitCode());
        assertEquals(List.of("b2"), db.versions());
        // Applied again, by a deploy job that ran twice: a1's guard alone (a1 not recorded) would let it run again.
        Sqlite3Run again = sqlite3(script);
        assertEquals(1, again.exitCode(), again.output());
        assertTrue(again.output().contains("CHECK constraint failed: migrate: the version table is not at the "
                + "revisions this script continues from"), again.output());
        assertEquals(List.of("b2"), db.versions());
        assertEquals(List.of("1"), db.query("SELECT count(*) FROM t_a"), "a1 ran once");

        // Nor over a database that is ahead of the script, or at a revision this folder does not know.
        Path rest = work.resolve("rest.sql");
        ok("downgrade", "a1");
        Files.writeString(rest, ok("upgrade", "a1:head", "--sql", "--dialect", "sqlite").out());
        ok("stamp", "b2");
        assertEquals(1, sqlite3(rest).exitCode());
        db.execute("UPDATE migrate_version SET version_num = 'zz9'");
        assertEquals(1, sqlite3(script).exitCode(), "a database at a revision of another folder");
        assertEquals(List.of("zz9"), db.versions());

        // A script for one branch still applies beside another branch's row.
        files.table("x1", "b2");
        files.table("y1", "b2");
        db.execute("UPDATE migrate_version SET version_num = 'b2'");
        ok("upgrade", "y1");
        Path branch = work.resolve("x.sql");
        Files.writeString(branch, ok("upgrade", "current:x1", "--sql", "--dialect", "sqlite").out()); // from y1
        Sqlite3Run beside = sqlite3(branch);
        assertEquals(0, beside.exitCode(), beside.output());
        assertEquals(List.of("x1", "y1"), db.versions());
    }

    @Test
    void aDowngradeScriptStartsWhereTheDatabaseIsWhenToldCurrent() {
        files.table("a1", "none");
        files.table("b2", "a1");
        files.table("c3", "b2");
        ok("upgrade", "c3");
        String script = ok("downgrade", "current:-1", "--sql").out();
        assertTrue(script.contains("-- Running downgrade c3 -> b2"), script);
        assertFalse(script.contains("-> a1"), "one step: " + script);
        assertEquals(List.of("c3"), db.versions(), "a script changes nothing");
        Cli.Result missing = cli.run("downgrade", "current:-1", "--sql", "--dir", files.dir().toString(), "--url",
                "jdbc:sqlite:" + work.resolve("typo.db"));
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("There is no database at SQLite file " + work.resolve("typo.db")),
                "a mistyped path is not a database at base: " + missing.err());
        Cli.Result bare = migrate("downgrade", "-1", "--sql");
        assertEquals(2, bare.exitCode(), bare.toString());
        assertTrue(bare.err().contains("or current:-1 to start where the --url database is now"), bare.err());
    }

    @Test
    void aVersionTableHoldingARevisionAndOneAfterItIsNamedAndRefused() {
        files.table("a1", "none");
        files.table("b2", "a1");
        files.table("c3", "b2");
        ok("upgrade", "b2");
        db.execute("INSERT INTO migrate_version (version_num) VALUES ('a1')"); // as a script applied twice left it
        String said = "holds a1, b2, but a1 comes before another of its rows";
        Cli.Result upgrade = migrate("upgrade");
        assertEquals(1, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains(said) && upgrade.err().contains("`migrate stamp b2`"), upgrade.err());
        assertFalse(db.tables().contains("t_c3"), "nothing ran");
        Cli.Result status = migrate("status");
        assertEquals(1, status.exitCode(), status.toString());
        assertTrue(status.err().contains(said), status.err());
        Cli.Result check = migrate("check");
        assertEquals(3, check.exitCode(), check.toString());
        assertTrue(check.out().contains(said), check.out());
        assertFalse(check.out().contains("pending"), "no plan from such a table: " + check.out());
        Cli.Result current = migrate("current");
        assertTrue(current.err().contains(said), current.err());
        assertTrue(migrate("history").err().contains(said), "history marks both rows current, and says why");
        Cli.Result script = migrate("upgrade", "current:head", "--sql");
        assertEquals(1, script.exitCode(), "nor is a script planned from it: " + script);
        assertTrue(script.err().contains(said), script.err());

        ok("stamp", "b2");
        assertEquals(List.of("b2"), db.versions());
        ok("upgrade");
        assertEquals(List.of("c3"), db.versions());
    }

    @Test
    void showMarksTheCurrentRevisionWhateverNamesIt() {
        files.table("a1", "none");
        files.table("b2", "a1");
        ok("upgrade", "a1");
        assertTrue(ok("show", "a1").out().startsWith("Revision: a1 (current)\n"), "by id, as by 'current'");
        assertTrue(ok("show", "current").out().startsWith("Revision: a1 (current)\n"));
        assertFalse(ok("show", "b2").out().contains("(current)"), "not applied, not marked");
    }

    @Test
    void anOfflineScriptStartsOnlyWhereALiveRunWould() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/sqlite3")), "the sqlite3 shell is not installed");
        String refused = "CHECK constraint failed: migrate: the version table is not at the revisions this script "
                + "continues from";
        // A row that depends_on a revision of the script comes after it: r1 is applied already.
        files.write("r1", "none", "CREATE TABLE IF NOT EXISTS t_r1 (x INTEGER);\nINSERT INTO t_r1 VALUES (1);",
                "DROP TABLE t_r1;");
        files.table("a1", "none");
        files.writeRaw("a2", "-- revision: a2\n-- down_revision: a1\n-- depends_on: r1\n\n-- migrate:upgrade\n"
                + "CREATE TABLE t_a2 (id INTEGER);\n\n-- migrate:downgrade\nDROP TABLE t_a2;\n");
        ok("upgrade", "a2");
        ok("stamp", "a2");
        Path r1 = work.resolve("r1.sql");
        Files.writeString(r1, ok("upgrade", "r1", "--sql", "--dialect", "sqlite").out());
        Sqlite3Run again = sqlite3(r1);
        assertEquals(1, again.exitCode(), again.output());
        assertTrue(again.output().contains(refused), again.output());
        assertEquals(List.of("1"), db.query("SELECT count(*) FROM t_r1"), "r1 ran once");

        // Nor over a migration an earlier run left unfinished (transaction: false), which a live run refuses.
        Path rest = work.resolve("rest.sql");
        files.table("a3", "a2");
        Files.writeString(rest, ok("upgrade", "current:heads", "--sql", "--dialect", "sqlite").out());
        db.execute("CREATE TABLE IF NOT EXISTS migrate_version_progress (revision VARCHAR(64) NOT NULL PRIMARY KEY, direction "
                + "VARCHAR(16) NOT NULL, started VARCHAR(40) NOT NULL, completed_lines TEXT NOT NULL)");
        db.execute("INSERT INTO migrate_version_progress VALUES ('a2', 'upgrade', '2026-01-01', '5')");
        assertEquals(1, sqlite3(rest).exitCode());
        db.execute("DELETE FROM migrate_version_progress");
        // Nor over a table that holds a row and one before it.
        db.execute("INSERT INTO migrate_version (version_num) VALUES ('a1')");
        assertEquals(1, sqlite3(rest).exitCode());
        db.execute("DELETE FROM migrate_version WHERE version_num = 'a1'");
        Sqlite3Run applies = sqlite3(rest);
        assertEquals(0, applies.exitCode(), applies.output());
        assertEquals(List.of("a3"), db.versions()); // r1 applied below a2, through depends_on
    }

    private record Sqlite3Run(int exitCode, String output) {
    }

    /** The script on the sqlite3 shell's stdin, as the README says to run it. */
    private Sqlite3Run sqlite3(Path script) throws Exception {
        Process sqlite = new ProcessBuilder("sqlite3", db.path().toString()).redirectInput(script.toFile())
                .redirectErrorStream(true).start();
        String said = new String(sqlite.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Sqlite3Run(sqlite.waitFor(), said);
    }

    @Test
    void aStampMayNameTheHeadsOfBranchesNotMergedYet() {
        // The advice after a half-applied migration on one of two branches names both heads: it must work.
        files.table("r", "none");
        files.table("x1", "r");
        files.table("y1", "r");
        files.table("x2", "x1");
        ok("upgrade", "heads");
        ok("stamp", "x1", "y1");
        assertEquals(List.of("x1", "y1"), db.versions());
        assertTrue(ok("stamp", "x2", "y1", "r").out().contains("now x2, y1"), "r is below both: no row of its own");
        assertEquals(List.of("x2", "y1"), db.versions());
        String script = ok("stamp", "x1", "y1", "--sql").out();
        assertTrue(script.contains("VALUES ('x1')") && script.contains("VALUES ('y1')"), script);
        Cli.Result unknown = migrate("stamp", "x1", "nosuch");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertEquals(List.of("x2", "y1"), db.versions(), "a refused stamp writes nothing");
    }

    @Test
    void anUnfinishedDowngradeIsNotHiddenByNothingToDo() {
        files.table("a1", "none");
        files.writeRaw("b2", """
                -- revision: b2
                -- down_revision: a1
                -- transaction: false

                -- migrate:upgrade
                CREATE TABLE t_u (id INTEGER);
                CREATE INDEX u_id ON t_u (id);

                -- migrate:downgrade
                DROP INDEX u_id;
                DROP TABLE nosuch;
                """);
        ok("upgrade");
        Cli.Result down = migrate("downgrade", "a1");
        assertEquals(1, down.exitCode(), down.toString());
        assertTrue(down.err().contains("if the downgrade is now complete, run `migrate stamp a1`; if you undid them, "
                + "run `migrate stamp b2`"), down.err());
        Cli.Result upgrade = migrate("upgrade");
        assertEquals(1, upgrade.exitCode(), "nothing to do, but the index is gone: " + upgrade);
        assertTrue(upgrade.err().contains("finish the downgrade by hand and run `migrate stamp a1`, or redo what it "
                + "undid and run `migrate stamp b2`"), upgrade.err());
        assertEquals(3, migrate("status").exitCode());
        Cli.Result check = migrate("check");
        assertEquals(3, check.exitCode(), check.toString());
        assertTrue(check.out().contains("revision b2: an earlier run did not finish its downgrade"), check.out());
        // The repair the messages name: the stamp says that it clears the unfinished record, and does.
        Cli.Result dry = ok("stamp", "a1", "--dry-run");
        assertTrue(dry.out().contains("would clear unfinished:          b2 (a transaction: false migration that stopped "
                + "part-way; nothing of it was run or undone)"), dry.out());
        Cli.Result stamp = ok("stamp", "a1");
        assertTrue(stamp.out().contains("cleared unfinished:          b2"), stamp.out());
        assertFalse(migrate("check").out().contains("did not finish"), "the record is gone");
        assertFalse(ok("stamp", "a1").out().contains("unfinished"), "nothing left to clear");
    }

    @Test
    void aNonTransactionalMigrationWhoseRecordingFailsSaysItsStatementsRan() {
        files.table("a1", "none");
        files.writeRaw("b2", """
                -- revision: b2
                -- down_revision: a1
                -- transaction: false

                -- migrate:upgrade
                CREATE TABLE t_u (id INTEGER);
                CREATE INDEX u_id ON t_u (id);
                """);
        ok("upgrade", "a1");
        db.execute("CREATE TRIGGER no_updates BEFORE UPDATE ON migrate_version BEGIN SELECT RAISE(ABORT, 'no'); END");
        Cli.Result result = migrate("upgrade");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("The statements starting on lines [6, 7] completed and stay applied"),
                result.err());
        assertFalse(result.err().contains("None of its statements completed"), result.err());
    }

    @Test
    void verifyPlaceholdersAreCheckedBeforeAnythingRuns() {
        files.writeRaw("a1", """
                -- revision: a1
                -- down_revision: none
                -- placeholders: true
                -- transaction: false

                -- migrate:upgrade
                CREATE TABLE ${prefix}u (id INTEGER);

                -- migrate:verify
                SELECT count(*) = 0 FROM ${prefx}u;
                """);
        Cli.Result result = migrate("upgrade", "-x", "prefix=app_");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("a1_revision.sql:10: revision a1: placeholder ${prefx} has no value"),
                result.err());
        assertFalse(Files.exists(db.path()), "nothing ran");
    }
}
