package dev.migrate.cli;

import dev.migrate.testing.Cli;
import dev.migrate.testing.SqliteProjectTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code check} splits each file the configured database's way; without a database it splits each file both ways
 * (from one reading of it) and reports only what both lexers find, so PostgreSQL-only syntax is never reported as a
 * SQLite error.
 */
class CheckLexersCliTest extends SqliteProjectTest {
    /** SQLite has no dollar quotes: it sees the function body's END as a top-level statement. */
    private void dollarQuotedFunction() {
        files.write("a1", "none", "CREATE FUNCTION f() RETURNS integer LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1;\n"
                + "END\n$$;", "DROP FUNCTION f();");
    }

    @Test
    void withoutADatabaseOnlyWhatBothLexersFindIsAProblem() {
        dollarQuotedFunction();
        Cli.Result either = cli.run("check", "--dir", files.dir().toString());
        assertEquals(0, either.exitCode(), either.toString());
        Cli.Result postgres = cli.run("check", "--dir", files.dir().toString(), "--dialect", "postgresql");
        assertEquals(0, postgres.exitCode(), postgres.toString());
        Cli.Result sqlite = cli.run("check", "--dir", files.dir().toString(), "--dialect", "sqlite");
        assertEquals(3, sqlite.exitCode(), sqlite.toString());
        assertTrue(sqlite.out().contains("a1_revision.sql:9: revision a1:"), sqlite.out());
    }

    @Test
    void aProblemBothLexersFindIsReportedOnce() {
        files.write("a1", "none", "CREATE TABLE t (x);\nCOMMIT;", "DROP TABLE t;");
        Cli.Result either = cli.run("check", "--dir", files.dir().toString());
        assertEquals(3, either.exitCode(), either.toString());
        String line = "a1_revision.sql:7: revision a1: 'COMMIT' is transaction control";
        assertTrue(either.out().contains(line), either.out());
        assertEquals(either.out().indexOf(line), either.out().lastIndexOf(line), either.out());
    }
}
