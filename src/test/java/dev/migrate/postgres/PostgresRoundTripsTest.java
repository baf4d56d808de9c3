package dev.migrate.postgres;

import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import dev.migrate.testing.PostgresServer;
import dev.migrate.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On PostgreSQL a migration's statements travel in batches with its version-table change, and its log row with the
 * commit. What a user sees must not change: a failing statement is named by its line with the server's own message,
 * nothing of the migration stays, server notices are printed once, and a file larger than one batch behaves the same.
 */
class PostgresRoundTripsTest {
    /** About 2 MB: many of the executor's batches, and a file large enough to be read on a thread of its own. */
    private static final int BIG_ROWS = 6_000;

    @TempDir
    Path work;
    private MigrationFiles files;
    private TestDatabase database;
    private final Cli cli = new Cli();

    @BeforeEach
    void setUp() {
        PostgresServer.require();
        files = new MigrationFiles(work.resolve("migrations"));
        database = PostgresServer.createDatabase();
    }

    @AfterEach
    void tearDown() {
        if (database != null) {
            database.close();
        }
    }

    private Cli.Result migrate(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--url", database.jdbcUrl(), "--dir", files.dir().toString()));
        all.addAll(database.credentials());
        return cli.run(all.toArray(String[]::new));
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void aFailingStatementAmongBatchedOnesIsNamedByItsLineAndItsNoticesArePrintedOnce() {
        files.table("a1", "none");
        assertEquals(0, migrate("upgrade").exitCode());
        // Lines 6 to 9 of the file; line 8 fails.
        files.write("b2", "a1", "CREATE TABLE t_b2 (id INTEGER);\n"
                + "DO $$ BEGIN RAISE NOTICE 'about to fail'; END $$;\n"
                + "INSERT INTO no_such_table VALUES (1);\n"
                + "CREATE TABLE t_after (id INTEGER);", "DROP TABLE t_b2;");

        Cli.Result result = migrate("upgrade");

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("Upgrade of revision b2 (revision b2) failed at "
                + files.dir().resolve("b2_revision.sql") + ":8."), result.err());
        assertTrue(result.err().contains("The database said: ERROR: relation \"no_such_table\" does not exist"),
                result.err());
        assertTrue(result.err().contains("The migration was rolled back: none of its statements remain applied."),
                result.err());
        assertEquals(1, count(result.out(), "about to fail"), result.toString());
        assertEquals(List.of("a1"), database.versions("public"));
        assertEquals(List.of("t_a1"), database.tables("public"));
    }

    @Test
    void aBatchedMigrationPrintsItsNoticesOnceAndIsLoggedWithItsChecksum() {
        // A statement that returns rows travels in the batch too (the driver drops the rows), and runs once.
        files.write("a1", "none", "CREATE TABLE t_a1 (id INTEGER);\nCREATE SEQUENCE s_a1;\n"
                + "SELECT nextval('s_a1');\nDO $$ BEGIN RAISE NOTICE 'hello from a1'; END $$;",
                "DROP SEQUENCE s_a1;\nDROP TABLE t_a1;");
        files.write("b2", "a1", "CREATE TABLE t_b2 (id INTEGER);", "DROP TABLE t_b2;");

        Cli.Result result = migrate("upgrade");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(1, count(result.out(), "NOTICE: hello from a1"), result.toString());
        assertTrue(result.out().indexOf("hello from a1") < result.out().indexOf("-> b2"), result.out());
        assertEquals(List.of("b2"), database.versions("public"));
        assertEquals(List.of("1"), database.query("SELECT last_value FROM s_a1"));
        Cli.Result status = migrate("status");
        assertEquals(0, status.exitCode(), status.toString());
        assertEquals(List.of("1|a1|upgrade", "2|b2|upgrade"),
                database.query("SELECT id || '|' || revision || '|' || direction FROM migrate_version_log "
                        + "WHERE checksum IS NOT NULL AND finished_at IS NOT NULL AND duration_ms >= 0 ORDER BY id"));
        Cli.Result down = migrate("downgrade", "base");
        assertEquals(0, down.exitCode(), down.toString());
        assertEquals(List.of(), database.versions("public"));
        assertEquals(List.of(), database.tables("public"));
    }

    @Test
    void aVersionRowThatIsGoneFailsTheBatchedStepBeforeItCommits() {
        files.table("a1", "none");
        assertEquals(0, migrate("upgrade").exitCode());
        // The migration removes the row its own version change must update: the change touches no row.
        files.write("b2", "a1", "CREATE TABLE t_b2 (id INTEGER);\nDELETE FROM migrate_version;", "DROP TABLE t_b2;");

        Cli.Result result = migrate("upgrade");

        assertEquals(1, result.exitCode(), result.toString());
        // Named with the schema it was found in when the command started.
        assertTrue(result.err().contains("The version table public.migrate_version changed while migrating: 'UPDATE "
                + "\"public\".\"migrate_version\" SET version_num = ? WHERE version_num = ?' with b2, a1 touched 0 rows "
                + "instead of 1."), result.err());
        assertEquals(List.of("a1"), database.versions("public"));
        assertEquals(List.of("t_a1"), database.tables("public"));
    }

    @Test
    void aMigrationLargerThanOneBatchRunsWholeOrFailsAtItsLineWithNothingApplied() {
        files.table("a1", "none");
        StringBuilder body = new StringBuilder("CREATE TABLE t_big (id INTEGER PRIMARY KEY, filler TEXT);\n");
        String filler = "x".repeat(300);
        for (int i = 1; i <= BIG_ROWS; i++) {
            body.append("INSERT INTO t_big VALUES (").append(i).append(", '").append(filler).append("');\n");
        }
        // Line 6 creates the table, lines 7.. insert; the last insert repeats a key, far past the first batch.
        int failingLine = 6 + BIG_ROWS + 1;
        files.write("b2", "a1", body + "INSERT INTO t_big VALUES (1, 'again');", "DROP TABLE t_big;");

        Cli.Result failed = migrate("upgrade");

        assertEquals(1, failed.exitCode(), failed.toString());
        assertTrue(failed.err().contains("b2_revision.sql:" + failingLine + "."), failed.err());
        assertTrue(failed.err().contains("duplicate key value violates unique constraint"), failed.err());
        assertEquals(List.of("a1"), database.versions("public"));
        assertEquals(List.of("t_a1"), database.tables("public"));

        files.write("b2", "a1", body.toString(), "DROP TABLE t_big;");
        Cli.Result applied = migrate("upgrade");
        assertEquals(0, applied.exitCode(), applied.toString());
        assertEquals(List.of(String.valueOf(BIG_ROWS)), database.query("SELECT count(*) FROM t_big"));
        assertEquals(List.of("b2"), database.versions("public"));
    }

    @Test
    void statementsBeforeAFailingOneRunOnlyOnce() {
        // A sequence's nextval is not undone by a rollback: running the batch again would advance it twice.
        database.execute("CREATE SEQUENCE s_once");
        files.table("a1", "none");
        assertEquals(0, migrate("upgrade").exitCode());
        files.write("b2", "a1", "SELECT nextval('s_once');\nINSERT INTO t_missing VALUES (1);", "SELECT 1;");
        Cli.Result result = migrate("upgrade");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.err().contains("b2_revision.sql:7") && result.err().contains("t_missing"), result.err());
        assertEquals(List.of("1"), database.query("SELECT last_value FROM s_once"), "nextval ran once");
    }
}
