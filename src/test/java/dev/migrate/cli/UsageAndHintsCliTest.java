package dev.migrate.cli;

import dev.migrate.testing.Cli;
import dev.migrate.testing.SqliteProjectTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage errors fit on two lines; hints name the command that works for the case at hand. */
class UsageAndHintsCliTest extends SqliteProjectTest {
    @Test
    void downgradeWithoutATargetSuggestsMinusOneInsteadOfTheWholeHelp() {
        Cli.Result result = cli.run("downgrade");
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(List.of(
                "error: downgrade needs a TARGET, the revision to go down to: for example `migrate downgrade -1` "
                        + "(one revision down) or `migrate downgrade base` (undo everything).",
                "Usage: migrate downgrade [OPTIONS] TARGET  (migrate downgrade --help for more)"),
                result.err().lines().toList());
        assertEquals("", result.out());
    }

    @Test
    void unknownOptionsAndMissingParametersGiveTheErrorAndOneUsageLine() {
        Cli.Result option = cli.run("upgrade", "--no-such-option");
        assertEquals(2, option.exitCode(), option.toString());
        assertEquals(List.of("error: Unknown option: '--no-such-option'",
                "Usage: migrate upgrade [OPTIONS] [TARGET]  (migrate upgrade --help for more)"),
                option.err().lines().toList());
        Cli.Result missing = cli.run("show");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertEquals(List.of("error: Missing required parameter: 'REV'",
                "Usage: migrate show [OPTIONS] REV  (migrate show --help for more)"), missing.err().lines().toList());
        Cli.Result typo = cli.run("upgarde");
        assertEquals(2, typo.exitCode(), typo.toString());
        assertEquals(3, typo.err().lines().count(), typo.err());
        assertTrue(typo.err().contains("Did you mean: migrate upgrade"), typo.err());
    }

    @Test
    void stampWithoutATargetNamesOneAndMigrateAloneIsAUsageError() {
        Cli.Result stamp = cli.run("stamp");
        assertEquals(2, stamp.exitCode(), stamp.toString());
        assertTrue(stamp.err().startsWith("error: stamp needs a TARGET, the revision the database's schema is at "
                + "already"), stamp.err());
        Cli.Result alone = cli.run();
        assertEquals(2, alone.exitCode(), "a script whose $COMMAND is empty must fail: " + alone);
        assertEquals("", alone.out());
        assertTrue(alone.err().startsWith("error: migrate needs a command") && alone.err().contains("Usage: migrate"),
                alone.err());
        Cli.Result fleet = cli.run("fleet");
        assertEquals(2, fleet.exitCode(), fleet.toString());
        assertTrue(fleet.err().contains("Usage: migrate fleet"), fleet.err());
        Cli.Result help = cli.run("help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().startsWith("Usage: migrate"), help.out());
        Cli.Result helpUpgrade = cli.run("help", "upgrade");
        assertEquals(0, helpUpgrade.exitCode(), helpUpgrade.toString());
        assertTrue(helpUpgrade.out().startsWith("Usage: migrate upgrade"), helpUpgrade.out());
        Cli.Result limit = migrate("log", "-n", "0");
        assertTrue(limit.err().contains("-n/--limit must be 1 or more"), limit.err());
    }

    @Test
    void showReadsTheCurrentMarkWithoutWaitingForADatabaseThatIsDown() {
        files.table("a1", "none");
        Cli.Result show = cli.run("show", "a1", "--dir", files.dir().toString(), "--url",
                "jdbc:postgresql://127.0.0.1:1/app?user=nobody", "--wait", "30");
        assertEquals(0, show.exitCode(), show.toString());
        assertTrue(show.out().startsWith("Revision: a1"), show.out());
        assertFalse(show.err().contains("Waiting"), "the file's header needs no database: " + show.err());
    }

    @Test
    void aReversedHistoryRangeSaysSoAndAStampOfBaseCreatesNoDatabase() {
        files.table("a1", "none");
        files.table("b2", "a1");
        files.table("c3", "b2");
        Cli.Result reversed = migrate("history", "-r", "c3:a1");
        assertEquals(2, reversed.exitCode(), reversed.toString());
        assertTrue(reversed.err().contains("'c3:a1' lists nothing: a1 does not come after c3"), reversed.err());
        assertEquals(0, migrate("history", "-r", "a1:c3").exitCode());
        Cli.Result toBase = migrate("history", "-r", "a1:base");
        assertEquals(2, toBase.exitCode(), "reversed too: " + toBase);
        assertTrue(toBase.err().contains("'a1:base' lists nothing: base does not come after a1"), toBase.err());
        Cli.Result stamp = migrate("stamp", "base");
        assertEquals(0, stamp.exitCode(), stamp.toString());
        assertTrue(stamp.out().contains("Nothing to stamp: the database is at base (no revision applied) already"),
                "not 'Stamped', when nothing was: " + stamp.out());
        assertFalse(java.nio.file.Files.exists(db.path()), "base it is already: " + stamp);
        assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of(db.path() + ".migrate-lock")), "nor a lock file");
    }

    @Test
    void aMistypedOptionNeverRepeatsTheValueGivenWithIt() {
        // The value after a mistyped --password (or --url) may be a secret: the option's name is shown, never it.
        for (List<String> args : List.of(List.of("--pasword", "p@ss:w/rd%?&", "upgrade", "head"),
                List.of("--ulr", "postgresql://u:s3cretPW@h/db", "current"),
                List.of("current", "--pasword=p@ss:w/rd%?&"), List.of("upgrade", "-pp@ss:w/rd%?&"),
                List.of("--pasword", "-p@ss:w/rd%?&", "current"))) {
            Cli.Result result = cli.run(args.toArray(String[]::new));
            assertEquals(2, result.exitCode(), result.toString());
            assertFalse(result.err().contains("p@ss") || result.err().contains("s3cretPW"), result.err());
            assertTrue(result.err().startsWith("error: Unknown option"), result.err());
            assertTrue(result.err().contains("(the value given with it is not repeated here)"), result.err());
        }
        // An argument that is not an option's value is shown, a URL's password masked.
        Cli.Result url = cli.run("current", "postgresql://u:s3cretPW@h/db");
        assertEquals(2, url.exitCode(), url.toString());
        assertTrue(url.err().startsWith("error: Unmatched argument: 'postgresql://u:***@h/db'"), url.err());
    }

    @Test
    void checkWithUrlSuggestsUpgradeHeadWhenThereIsOneHead() {
        files.table("a1", "none");
        files.table("b2", "a1");
        db.execute("CREATE TABLE app_data (id INTEGER)"); // a database, with nothing applied
        Cli.Result result = migrate("check");
        assertEquals(3, result.exitCode(), result.toString());
        assertTrue(result.out().contains("2 pending (a1, b2). Run `migrate upgrade head`."), result.out());
    }

    @Test
    void currentAtBaseOnSeveralHeadsSuggestsUpgradeHeads() {
        files.table("a1", "none");
        db.execute("CREATE TABLE migrate_version (version_num VARCHAR(64) NOT NULL PRIMARY KEY)"); // exists, empty
        assertTrue(migrate("current").out().startsWith("base (no revision applied; `migrate upgrade head` applies them all)\n"));
        files.table("x1", "a1");
        files.table("y1", "a1");
        assertTrue(migrate("current").out().startsWith("base (no revision applied; `migrate upgrade heads` applies them all)\n"));
    }

    @Test
    void showSaysParentsForAMerge() {
        files.table("a1", "none");
        files.table("x1", "a1");
        files.table("y1", "a1");
        files.write("m1", "x1, y1", "", "");
        assertTrue(migrate("show", "m1").out().contains("\nParents: x1, y1\n"), migrate("show", "m1").out());
        assertTrue(migrate("show", "x1").out().contains("\nParent: a1\n"), migrate("show", "x1").out());
    }
}
