package dev.migrate.source;

import dev.migrate.api.ExitCodes;
import dev.migrate.api.MigrationFileChangedException;
import dev.migrate.api.MigrationFileInvalidException;
import dev.migrate.api.Problem;
import dev.migrate.graph.Direction;
import dev.migrate.sql.SqlFlavor;
import dev.migrate.sql.SqlSplitter;
import dev.migrate.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@link SqlMigration} streams is the text that was validated, and {@code problems} finds what loading cannot. */
class SqlMigrationTest {
    private static final String HEADER = "-- revision: r1\n-- down_revision: none\n-- migrate:upgrade\n";

    @TempDir
    Path dir;

    private SqlMigration load(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        SqlMigrationParser.Result result = SqlMigrationParser.parse(file);
        assertEquals(List.of(), result.problems());
        return result.migration();
    }

    private static List<Statement> statements(SqlMigration migration, Direction direction) {
        try (SqlSplitter splitter = migration.statements(direction, SqlFlavor.SQLITE)) {
            return splitter.toList();
        }
    }

    // --- a file changed after it was loaded -------------------------------------------------------------------

    @Test
    void aFileEditedAfterLoadingIsRefusedBeforeItsFirstStatement() throws IOException {
        SqlMigration migration = load("001_swap.sql", HEADER + "CREATE TABLE t (x);\n-- migrate:downgrade\nDROP TABLE t;\n");
        // Same line numbers, sections swapped: the old reading would run the DROP as the upgrade.
        Files.writeString(dir.resolve("001_swap.sql"),
                HEADER + "DROP TABLE t;\n-- migrate:downgrade\nCREATE TABLE t (x);\n");
        MigrationFileChangedException e = assertThrows(MigrationFileChangedException.class,
                () -> migration.statements(Direction.UPGRADE, SqlFlavor.SQLITE));
        assertEquals(ExitCodes.FAILED, e.exitCode());
        assertEquals("r1", e.revision());
        assertTrue(e.getMessage().startsWith(dir.resolve("001_swap.sql") + " (revision r1) changed after migrate read it"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Nothing of revision r1 was run."), e.getMessage());
        assertTrue(e.getMessage().contains("Run the command again"), e.getMessage());
        assertThrows(MigrationFileChangedException.class, () -> migration.problems(SqlFlavor.SQLITE));
    }

    @Test
    void anUnchangedFileStreamsBothSections() throws IOException {
        SqlMigration migration = load("001_ok.sql", HEADER + "CREATE TABLE t (x);\n-- migrate:downgrade\nDROP TABLE t;\n");
        assertEquals(List.of(new Statement("CREATE TABLE t (x)", 4)), statements(migration, Direction.UPGRADE));
        assertEquals(List.of(new Statement("DROP TABLE t", 6)), statements(migration, Direction.DOWNGRADE));
    }

    /** A file larger than the in-memory limit, with one statement per line. */
    private Path largeFile(String name) throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; text.length() < 600 * 1024; i++) {
            text.append("INSERT INTO t VALUES (").append(i).append(", '").append("x".repeat(100)).append("');\n");
        }
        text.append("-- migrate:downgrade\nDELETE FROM t;\n");
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aLargeFileEditedAfterLoadingIsRefusedBeforeItsFirstStatement() throws IOException {
        Path file = largeFile("002_large.sql");
        SqlMigration migration = SqlMigrationParser.parse(file).migration();
        overwriteAtEnd(file, "DELETE FROM u;\n");
        MigrationFileChangedException e = assertThrows(MigrationFileChangedException.class,
                () -> migration.statements(Direction.UPGRADE, SqlFlavor.SQLITE));
        assertTrue(e.getMessage().contains("Nothing of revision r1 was run."), e.getMessage());
    }

    @Test
    void aLargeFileEditedWhileItStreamsFailsAtTheEndOfTheSection() throws IOException {
        Path file = largeFile("003_large.sql");
        SqlMigration migration = SqlMigrationParser.parse(file).migration();
        try (SqlSplitter statements = migration.statements(Direction.UPGRADE, SqlFlavor.SQLITE)) {
            assertEquals(4, statements.next().line());
            // A deploy rewrites the downgrade, past what the reader has buffered, while the upgrade runs.
            overwriteAtEnd(file, "DELETE FROM u;\n");
            MigrationFileChangedException e = assertThrows(MigrationFileChangedException.class, () -> {
                while (statements.hasNext()) {
                    statements.next();
                }
            });
            assertTrue(e.getMessage().contains("before revision r1 was recorded"), e.getMessage());
        }
    }

    @Test
    void aLargeUnchangedFileStreamsToTheEnd() throws IOException {
        Path file = largeFile("004_large.sql");
        SqlMigration migration = SqlMigrationParser.parse(file).migration();
        List<Statement> upgrade = statements(migration, Direction.UPGRADE);
        assertTrue(upgrade.size() > 4000, "statements: " + upgrade.size());
        assertEquals(List.of(new Statement("DELETE FROM t", upgrade.size() + 5)), statements(migration, Direction.DOWNGRADE));
        assertEquals(List.of(), migration.problems(SqlFlavor.SQLITE));
    }

    /** Overwrites the last bytes of a file in place (same inode, same length), as an editor or unpacker might. */
    private static void overwriteAtEnd(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.seek(out.length() - bytes.length);
            out.write(bytes);
        }
    }

    // --- problems(...) --------------------------------------------------------------------------------------------

    @Test
    void aCleanFileHasNoProblems() throws IOException {
        SqlMigration migration = load("010_clean.sql", HEADER + "CREATE TABLE t (x);\nSAVEPOINT s;\nRELEASE s;\n"
                + "-- migrate:downgrade\nDROP TABLE t;\n");
        assertEquals(List.of(), migration.problems(SqlFlavor.SQLITE));
        assertEquals(List.of(), migration.problems(SqlFlavor.POSTGRESQL));
    }

    @Test
    void transactionControlIsAProblemWithFileLineAndRevision() throws IOException {
        SqlMigration migration = load("011_commit.sql", HEADER + "CREATE TABLE t (x);\nCOMMIT;\nINSERT INTO t VALUES (1);\n"
                + "-- migrate:downgrade\nROLLBACK;\nRELEASE nowhere;\nDROP TABLE t;\n");
        List<Problem> problems = migration.problems(SqlFlavor.SQLITE);
        assertEquals(List.of(5, 8, 9), problems.stream().map(Problem::line).toList(), problems.toString());
        Problem commit = problems.get(0);
        assertEquals(dir.resolve("011_commit.sql").toString(), commit.file());
        assertEquals("r1", commit.revision());
        assertTrue(commit.toString().contains("011_commit.sql:5: revision r1: 'COMMIT' is transaction control"), commit.toString());
        assertTrue(commit.message().contains("'-- transaction: false'"), commit.message());
    }

    @Test
    void aMigrationOutsideATransactionMayControlTransactions() throws IOException {
        SqlMigration migration = load("012_free.sql", "-- revision: r1\n-- down_revision: none\n-- transaction: false\n"
                + "-- migrate:upgrade\nCOMMIT;\nBEGIN;\nROLLBACK TO nowhere;\n");
        assertEquals(List.of(), migration.problems(SqlFlavor.SQLITE));
    }

    @Test
    void anUnterminatedConstructAtTheEndOfTheFileIsAProblemAtTheLineItOpened() throws IOException {
        SqlMigration migration = load("013_open.sql", HEADER + "CREATE TABLE t (x);\n-- migrate:downgrade\nDROP TABLE t;\n"
                + "/* the rest was meant to run\nDROP TABLE u;\n");
        List<Problem> problems = migration.problems(SqlFlavor.POSTGRESQL);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(7, problems.get(0).line());
        assertEquals("r1", problems.get(0).revision());
        assertTrue(problems.get(0).message().startsWith("unterminated /* comment in the downgrade section: the file ends "
                + "before it is closed"), problems.get(0).message());
    }

    @Test
    void aCommentOpenAtTheDowngradeMarkerEndsWithTheUpgradeSection() throws IOException {
        // The author meant the marker line to be a comment's content; markers are found line by line, so it is not.
        SqlMigration migration = load("014_marker.sql", HEADER + "CREATE TABLE t (x);\n/* old version:\nCREATE TABLE t (y);\n"
                + "-- migrate:downgrade\nDROP TABLE t;\n*/\n");
        List<Problem> problems = migration.problems(SqlFlavor.SQLITE);
        assertEquals(5, problems.get(0).line(), problems.toString());
        assertTrue(problems.get(0).message().contains("the section ends at the '-- migrate:downgrade' line 7"),
                problems.get(0).message());
        assertTrue(problems.get(0).message().endsWith("Close it before line 7."), problems.get(0).message());
    }

    @Test
    void streamingForExecutionThrowsRatherThanDroppingTheRest() throws IOException {
        SqlMigration migration = load("015_quote.sql", HEADER + "INSERT INTO t VALUES ('a);\nINSERT INTO t VALUES (2);\n");
        try (SqlSplitter statements = migration.statements(Direction.UPGRADE, SqlFlavor.SQLITE)) {
            MigrationFileInvalidException e = assertThrows(MigrationFileInvalidException.class, statements::hasNext);
            assertEquals(ExitCodes.USAGE, e.exitCode());
            assertEquals(4, e.problem().line());
            assertTrue(e.getMessage().contains("015_quote.sql:4: revision r1: unterminated 'string'"), e.getMessage());
        }
    }

    @Test
    void problemsStreamEachSectionOfALargeFileWithoutHoldingIt() throws IOException {
        Path file = largeFile("016_large.sql");
        assertFalse(SqlMigrationParser.parse(file).migration().problems(SqlFlavor.POSTGRESQL).iterator().hasNext());
    }
}
