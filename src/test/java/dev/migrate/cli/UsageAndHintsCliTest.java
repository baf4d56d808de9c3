package dev.migrate.cli;

import dev.migrate.testing.Cli;
import dev.migrate.testing.SqliteProjectTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void checkWithUrlSuggestsUpgradeHeadWhenThereIsOneHead() {
        files.table("a1", "none");
        files.table("b2", "a1");
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
