package dev.migrate.cli;

import dev.migrate.testing.Cli;
import dev.migrate.testing.SqliteProjectTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI entry point against real SQLite files. */
class SqliteCliTest extends SqliteProjectTest {
    private void linear() {
        files.table("a1", "none");
        files.table("b2", "a1");
        files.table("c3", "b2");
    }

    @Test
    void linearUpgradeDowngradeAndCurrent() {
        linear();
        Cli.Result up = ok("upgrade", "head");
        assertEquals("SQLite " + db.path() + "\n" + """
                Running upgrade <base> -> a1, revision a1
                Running upgrade a1 -> b2, revision b2
                Running upgrade b2 -> c3, revision c3
                """, up.out().replaceAll(" \\(\\d+ ms\\)", ""));
        assertEquals(List.of("t_a1", "t_b2", "t_c3"), db.tables());
        assertEquals(List.of("c3"), db.versions());
        assertEquals("c3 (head)\n", ok("current").out());
        assertTrue(ok("upgrade").out().startsWith("SQLite " + db.path() + "\n"
                + "Nothing to do: the database is at c3"));

        assertTrue(ok("downgrade", "-1").out().startsWith("SQLite " + db.path() + "\n"
                + "Running downgrade c3 -> b2, revision c3"));
        assertEquals(List.of("t_a1", "t_b2"), db.tables());
        assertEquals("b2\n", ok("current").out());

        ok("downgrade", "base");
        assertEquals(List.of(), db.tables());
        assertEquals(List.of(), db.versions());
        assertTrue(ok("current").out().startsWith("base"));

        ok("upgrade", "+2");
        assertEquals(List.of("b2"), db.versions());
        ok("upgrade", "a1+2");
        assertEquals(List.of("c3"), db.versions());
        ok("downgrade", "a1");
        assertEquals(List.of("a1"), db.versions());
    }

    @Test
    void globalOptionsBeforeOrAfterTheCommand() {
        linear();
        Cli.Result before = cli.run("--url", db.url(), "--dir", files.dir().toString(), "upgrade", "b2");
        assertEquals(0, before.exitCode(), before.toString());
        Cli.Result after = cli.run("upgrade", "head", "--url", db.url(), "--dir", files.dir().toString(), "-q");
        assertEquals(0, after.exitCode(), after.toString());
        assertEquals("", after.out());
        assertEquals(List.of("c3"), db.versions());
    }

    @Test
    void urlFromTheEnvironment() {
        linear();
        Cli.Result result = new Cli(Map.of("DATABASE_URL", "sqlite:///" + db.path(), "MIGRATE_URL", ""))
                .run("upgrade", "--dir", files.dir().toString());
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("c3"), db.versions());
    }

    @Test
    void customVersionTable() {
        linear();
        ok("upgrade", "--version-table", "schema_revisions");
        assertEquals(List.of("c3"), db.query("SELECT version_num FROM schema_revisions"));
        assertEquals("c3 (head)\n", ok("current", "--version-table", "schema_revisions").out());
    }

    @Test
    void branchedGraphRefusesHeadThenAppliesHeadsAndMerges() {
        files.table("a1", "none");
        files.table("x1", "a1");
        files.table("y1", "a1");
        Cli.Result refused = migrate("upgrade", "head");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("x1, y1") && refused.err().contains("upgrade heads"), refused.err());
        assertFalse(Files.exists(db.path()) && !db.tables().isEmpty(), "nothing may run when head is ambiguous");
        Cli.Result stamp = migrate("stamp", "head");
        assertEquals(2, stamp.exitCode(), stamp.toString());
        assertTrue(stamp.err().contains("`migrate stamp heads`"), "a stamp is told how to stamp: " + stamp.err());

        ok("upgrade", "heads");
        assertEquals(List.of("x1", "y1"), db.versions());
        assertEquals("x1 (head)\ny1 (head)\n", ok("current").out());
        String history = ok("history").out();
        assertTrue(history.contains("<base> -> a1 (branchpoint), revision a1"), history);
        assertTrue(history.contains("a1 -> y1 (head) (current)"), history);

        files.write("m1", "x1, y1", "", "");
        files.table("z1", "m1");
        ok("upgrade", "head");
        assertEquals(List.of("z1"), db.versions());
        assertTrue(ok("history").out().contains("x1, y1 -> m1 (mergepoint)"));

        ok("downgrade", "-2");
        assertEquals(List.of("x1", "y1"), db.versions());
        ok("downgrade", "x1");
        assertEquals(List.of("x1"), db.versions());
        assertEquals(List.of("t_a1", "t_x1"), db.tables());
    }

    @Test
    void failingMigrationLeavesTheDatabaseAtThePreviousRevision() {
        files.table("a1", "none");
        Path broken = files.write("b2", "a1", """
                CREATE TABLE t_first (id INTEGER);
                INSERT INTO t_first VALUES (1);
                INSERT INTO no_such_table VALUES (1);
                CREATE TABLE t_never (id INTEGER);""", "DROP TABLE t_first;");
        Cli.Result result = migrate("upgrade", "head");
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.out().contains("Running upgrade <base> -> a1"), result.out());
        assertTrue(result.err().contains("revision b2"), result.err());
        assertTrue(result.err().contains(broken + ":8"), result.err());
        assertTrue(result.err().contains("no such table: no_such_table"), result.err());
        assertTrue(result.err().contains("still at a1"), result.err());
        assertEquals(List.of("a1"), db.versions());
        assertEquals(List.of("t_a1"), db.tables());
    }

    @Test
    void invalidHeaderRunsNothingAndExits2() {
        files.table("a1", "none");
        files.writeRaw("b2", "-- revision: b2\n-- down_revison: a1\n-- migrate:upgrade\nCREATE TABLE t_b2 (x);\n");
        Cli.Result result = migrate("upgrade");
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.err().contains("b2_revision.sql:2: revision b2: unknown header key 'down_revison'"), result.err());
        assertFalse(Files.exists(db.path()), "no database may be touched");
    }

    @Test
    void irreversibleDowngradeIsRefusedBeforeAnythingRuns() {
        files.table("a1", "none");
        files.write("b2", "a1", "CREATE TABLE t_b2 (x);", null);
        files.table("c3", "b2");
        ok("upgrade");
        Cli.Result refused = migrate("downgrade", "base");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("b2 has no downgrade section"), refused.err());
        assertEquals(List.of("c3"), db.versions());
        assertEquals(List.of("t_a1", "t_b2", "t_c3"), db.tables());
    }

    @Test
    void unknownRevisionInTheDatabaseIsRepairedWithStampPurge() {
        linear();
        ok("upgrade", "b2");
        db.execute("UPDATE migrate_version SET version_num = 'gone99'");

        Cli.Result upgrade = migrate("upgrade");
        assertEquals(1, upgrade.exitCode(), upgrade.toString());
        assertTrue(upgrade.err().contains("gone99") && upgrade.err().contains("stamp --purge"), upgrade.err());
        assertTrue(ok("current").out().startsWith("gone99 (unknown"));
        Cli.Result range = migrate("history", "-r", "current:");
        assertEquals(2, range.exitCode(), "not an empty history: " + range);
        assertTrue(range.err().contains("the database is at gone99, and gone99 no file in "), range.err());
        Cli.Result history = ok("history");
        assertTrue(history.err().contains("The database is at gone99; no file in ") && history.err().contains(
                "so no revision below is marked (current)") && !history.out().contains("(current)"), history.toString());
        db.execute("INSERT INTO migrate_version VALUES ('a1')"); // a known row beside the unknown one
        Cli.Result both = ok("history");
        assertTrue(both.err().contains("The database is at a1, gone99; no file in ") && both.err().contains(
                "declares gone99, which is not listed below") && both.out().contains("a1 (current)"), both.toString());
        db.execute("DELETE FROM migrate_version WHERE version_num = 'a1'");
        Cli.Result stamp = migrate("stamp", "b2");
        assertEquals(1, stamp.exitCode(), stamp.toString());

        String dryRun = ok("stamp", "--purge", "c3", "--dry-run").out();
        assertTrue(dryRun.contains("c3") && !dryRun.contains("a1") && !dryRun.contains("b2"),
                "a1 and b2 stay applied, as the log says, and are not marked again: " + dryRun);
        String purged = ok("stamp", "--purge", "b2").out();
        assertTrue(purged.contains("was gone99, now b2"), purged);
        assertFalse(purged.contains("marked applied"), "the log already counts a1 and b2 as applied: " + purged);
        assertTrue(purged.contains("gone99"), purged);
        assertEquals(List.of("b2"), db.versions());
        assertEquals(List.of("unstamp gone99"), db.query("SELECT direction || ' ' || revision FROM migrate_version_log"
                + " WHERE direction IN ('stamp', 'unstamp') ORDER BY id"), "only the unknown row was stamped away");
        ok("upgrade");
        assertEquals(List.of("c3"), db.versions());
        assertEquals(List.of("t_a1", "t_b2", "t_c3"), db.tables());
    }

    @Test
    void stampMovesTheVersionTableWithoutRunningMigrations() {
        linear();
        ok("stamp", "head");
        assertEquals(List.of("c3"), db.versions());
        assertEquals(List.of(), db.tables());
        ok("stamp", "base");
        assertEquals(List.of(), db.versions());
    }

    @Test
    void historyRangesAndDetails() {
        linear();
        ok("upgrade", "b2");
        assertEquals("a1 -> b2 (current), revision b2\n<base> -> a1, revision a1\n", ok("history", "-r", ":current").out());
        assertEquals("b2 -> c3 (head), revision c3\n", ok("history", "-r", "c3:").out());
        String verbose = ok("history", "-v", "-r", "b2:b2").out();
        assertTrue(verbose.contains("Revision: b2 (current)") && verbose.contains("Parent: a1")
                && verbose.contains("b2_revision.sql"), verbose);
        assertTrue(ok("show", "c").out().startsWith("Revision: c3 (head)"));
        assertEquals("c3 (head), revision c3\n", ok("heads").out());
    }

    @Test
    void showCurrentShowsTheDatabasesRevision() {
        linear();
        Cli.Result missing = migrate("show", "current");
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("There is no database at"), missing.err());
        ok("upgrade", "b2");
        assertTrue(ok("show", "current").out().startsWith("Revision: b2 (current)\nParent: a1"),
                ok("show", "current").out());
        ok("downgrade", "base");
        assertEquals("base (no revision applied)\n", ok("show", "current").out(), "base is a state, not an error");
        assertEquals("null\n", ok("show", "current", "--format", "json").out());
    }

    @Test
    void readingCommandsDoNotCreateTheDatabaseAndSaySoWhenItIsMissing() {
        linear();
        Cli.Result current = migrate("current");
        assertEquals(1, current.exitCode(), current.toString());
        assertEquals("", current.out(), "a missing database is not shown as base");
        assertTrue(current.err().contains("There is no database at SQLite file " + db.path()), current.err());
        Cli.Result history = ok("history");
        assertTrue(history.err().contains("The current revision is not marked: SQLite file " + db.path()
                + " does not exist."), history.err());
        assertTrue(history.out().contains("b2 -> c3 (head)"), history.out());
        // status and log report on the database: a missing one is an error, as for current, not "base" or "empty".
        for (String command : List.of("status", "log")) {
            for (String format : List.of("text", "json")) {
                Cli.Result result = migrate(command, "--format", format);
                assertEquals(1, result.exitCode(), command + " " + format + ": " + result);
                assertTrue(result.err().contains("There is no database at SQLite file " + db.path()), result.err());
                assertFalse(result.out().contains("base") || result.out().contains("empty"), result.out());
            }
        }
        assertFalse(Files.exists(db.path()));
    }

    @Test
    void aCycleIsReportedAtTheHeaderLineThatCloses() {
        files.table("a", "c");
        files.table("b", "a");
        files.table("c", "b");
        Cli.Result check = migrate("check");
        assertEquals(3, check.exitCode(), check.toString());
        // Each file's down_revision is its second line: the report points at it, not at the file alone.
        assertTrue(check.out().matches("(?s).*_revision\\.sql:2: revision [abc]: cycle in down_revision/depends_on: .*"),
                check.out());
    }

    @Test
    void aDuplicateIdIsReportedAtBothRevisionLines() {
        files.table("a1", "none");
        files.writeRaw("a1_copy", "-- revision: a1\n-- down_revision: none\n\n-- migrate:upgrade\nSELECT 1;\n");
        Cli.Result check = migrate("check");
        assertEquals(3, check.exitCode(), check.toString());
        assertTrue(check.out().matches("(?s).*\\.sql:1: revision a1: duplicate revision id: also declared in .*\\.sql:1;.*"),
                check.out());
    }

    @Test
    void checkExitCodes() {
        linear();
        assertEquals("OK: 3 revisions, 1 head (c3).\n", cli.run("check", "--dir", files.dir().toString()).out());
        files.table("d4", "c33");
        files.writeRaw("e5", "-- revision: e5\n-- down_revision: d4\n-- mesage: typo\n-- migrate:upgrade\n");
        Cli.Result result = cli.run("check", "--dir", files.dir().toString());
        assertEquals(3, result.exitCode(), result.toString());
        assertTrue(result.out().startsWith("2 problems"), result.out());
        assertTrue(result.out().contains("revision d4: down_revision names c33") && result.out().contains("closest existing ids: c3"),
                result.out());
        assertTrue(result.out().contains("e5_revision.sql:3: revision e5: unknown header key 'mesage' (did you mean 'message'?)"),
                result.out());
    }

    @Test
    void aBrokenFolderStopsReadingCommandsWithoutClaimingARun() {
        linear();
        files.table("d4", "c33");
        for (String command : List.of("history", "heads", "upgrade")) {
            Cli.Result result = cli.run(command, "--dir", files.dir().toString(), "--url", db.url());
            assertEquals(2, result.exitCode(), result.toString());
            assertTrue(result.err().startsWith("error: The migrations folder has 1 problem; the database was not "
                    + "touched:"), result.err());
            assertTrue(result.err().contains("down_revision names c33"), result.err());
        }
        assertFalse(Files.exists(db.path()), "nothing was created");
    }

    @Test
    void aLabelledDowngradeUndoesOnlyThatBranch() {
        files.table("a1", "none");
        files.table("e1", "a1");
        files.writeRaw("b1", "-- revision: b1\n-- down_revision: a1\n-- branch_labels: billing\n\n-- migrate:upgrade\n"
                + "CREATE TABLE t_b1 (id INTEGER);\n\n-- migrate:downgrade\nDROP TABLE t_b1;\n");
        files.table("b2", "b1");
        assertEquals(0, migrate("upgrade", "b2").exitCode());
        assertEquals(0, migrate("upgrade", "e1").exitCode());
        Cli.Result stepBack = migrate("downgrade", "billing@-1");
        assertEquals(0, stepBack.exitCode(), stepBack.toString());
        assertEquals(List.of("b1", "e1"), db.versions(), "e1 is on another branch than billing: " + stepBack);
        assertTrue(db.tables().contains("t_e1"), "e1's table stays");
        // A revision of another branch that needs one being undone (depends_on) is undone before it.
        files.writeRaw("d1", "-- revision: d1\n-- down_revision: e1\n-- depends_on: b2\n\n-- migrate:upgrade\n"
                + "CREATE TABLE t_d1 (id INTEGER);\n\n-- migrate:downgrade\nDROP TABLE t_d1;\n");
        assertEquals(0, migrate("upgrade", "d1").exitCode());
        assertEquals(List.of("b2", "d1"), db.versions());
        assertEquals(0, migrate("downgrade", "billing@-1").exitCode());
        assertEquals(List.of("b1", "e1"), db.versions(), "d1 needs b2");
        // One more step down the billing branch reaches a1, the trunk it shares with e1: e1 stays.
        assertEquals(0, migrate("downgrade", "billing@-1").exitCode());
        assertEquals(List.of("e1"), db.versions());
        assertTrue(db.tables().contains("t_e1") && !db.tables().contains("t_b1"), db.tables().toString());
        assertEquals(0, migrate("upgrade", "b2").exitCode());
        // Unlabelled, a target is where the whole database ends, other branches included (README).
        assertEquals(List.of("b2", "e1"), db.versions());
        assertEquals(0, migrate("downgrade", "b1").exitCode());
        assertEquals(List.of("b1"), db.versions());
    }

    @Test
    void usageErrorsExit2() {
        assertEquals(2, cli.run("upgrade", "--no-such-option").exitCode());
        Cli.Result missingDir = cli.run("upgrade", "--dir", work.resolve("nope").toString(), "--url", db.url());
        assertEquals(2, missingDir.exitCode());
        assertTrue(missingDir.err().contains("does not exist"), missingDir.err());
        linear();
        Cli.Result badTarget = migrate("upgrade", "zz9");
        assertEquals(2, badTarget.exitCode());
        assertTrue(badTarget.err().contains("No revision matches 'zz9'"), badTarget.err());
    }

    @Test
    void helpListsExitCodes() {
        Cli.Result help = cli.run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("Exit codes:") && help.out().contains("3     check, status, test or drift found problems"), help.out());
        for (String command : List.of("upgrade", "downgrade", "current", "history", "heads", "show", "stamp", "check",
                "branches", "revision", "merge", "init", "config", "completion")) {
            Cli.Result commandHelp = cli.run(command, "--help");
            assertEquals(0, commandHelp.exitCode(), commandHelp.toString());
            assertTrue(commandHelp.out().startsWith("Usage: migrate " + command), commandHelp.out());
            assertTrue(commandHelp.out().contains("--url"), "global options are listed for " + command);
        }
        Cli.Result typo = cli.run("--url", "jdbc:sqlite:x.db", "upgarde");
        assertEquals(2, typo.exitCode(), typo.toString());
        assertTrue(typo.err().contains("Did you mean: migrate upgrade"), typo.err());
    }
}
