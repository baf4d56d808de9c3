package dev.migrate.source;

import dev.migrate.api.Problem;
import dev.migrate.graph.Direction;
import dev.migrate.graph.RevisionNode;
import dev.migrate.sql.SqlFlavor;
import dev.migrate.sql.SqlSplitter;
import dev.migrate.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlMigrationParserTest {
    @TempDir
    Path dir;

    private SqlMigrationParser.Result parse(String text) throws IOException {
        Path file = dir.resolve("m.sql");
        Files.writeString(file, text);
        return SqlMigrationParser.parse(file);
    }

    @Test
    void readsTheHeaderAndBothSections() throws IOException {
        SqlMigrationParser.Result result = parse("""
                -- revision: 3f2a9c1b7d40
                -- down_revision: 07d7d2f65290
                -- message: add quiz roster tracking
                -- branch_labels: quiz
                -- depends_on: aa, bb
                -- transaction: false

                -- migrate:upgrade
                CREATE TABLE r (id TEXT);
                INSERT INTO r VALUES ('x');

                -- migrate:downgrade
                DROP TABLE r;
                """);
        assertEquals(List.of(), result.problems());
        SqlMigration migration = result.migration();
        RevisionNode revision = migration.revision();
        assertEquals("3f2a9c1b7d40", revision.id());
        assertEquals(List.of("07d7d2f65290"), revision.downRevisions());
        assertEquals(List.of("aa", "bb"), revision.dependsOn());
        assertEquals(List.of("quiz"), revision.branchLabels());
        assertEquals("add quiz roster tracking", revision.message());
        assertFalse(revision.transactional());
        assertTrue(revision.reversible());
        assertEquals(List.of(new Statement("CREATE TABLE r (id TEXT)", 9), new Statement("INSERT INTO r VALUES ('x')", 10)),
                statements(migration, Direction.UPGRADE));
        assertEquals(List.of(new Statement("DROP TABLE r", 13)), statements(migration, Direction.DOWNGRADE));
    }

    private static List<Statement> statements(SqlMigration migration, Direction direction) {
        try (SqlSplitter splitter = migration.statements(direction, SqlFlavor.SQLITE)) {
            return splitter.toList();
        }
    }

    @Test
    void mergeRevisionsListSeveralParentsAndNoneMeansRoot() throws IOException {
        RevisionNode merge = parse("-- revision: m1\n-- down_revision: a, b\n-- migrate:upgrade\n").migration().revision();
        assertEquals(List.of("a", "b"), merge.downRevisions());
        RevisionNode root = parse("-- revision: 001\n-- down_revision: none\n-- migrate:upgrade\n").migration().revision();
        assertTrue(root.isRoot());
        assertTrue(root.transactional());
    }

    @Test
    void withoutDowngradeSectionTheRevisionIsIrreversible() throws IOException {
        RevisionNode revision = parse("-- revision: 001\n-- down_revision: none\n-- migrate:upgrade\nSELECT 1;\n")
                .migration().revision();
        assertFalse(revision.reversible());
    }

    @Test
    void misspelledKeyIsAnErrorNamingFileLineAndNearestKey() throws IOException {
        SqlMigrationParser.Result result = parse("-- revision: 002\n-- down_revison: 001\n-- migrate:upgrade\nSELECT 1;\n");
        assertNull(result.migration());
        Problem typo = result.problems().stream().filter(p -> p.line() == 2).findFirst().orElseThrow();
        assertTrue(typo.file().endsWith("m.sql"), typo.file());
        assertEquals("002", typo.revision());
        assertTrue(typo.message().contains("unknown header key 'down_revison'"), typo.message());
        assertTrue(typo.message().contains("did you mean 'down_revision'"), typo.message());
        // And the missing down_revision is reported too, rather than the revision becoming a root.
        assertTrue(result.problems().stream().anyMatch(p -> p.message().contains("no '-- down_revision:'")),
                result.problems().toString());
    }

    @Test
    void everyHeaderProblemIsReportedAtOnce() throws IOException {
        SqlMigrationParser.Result result = parse("""
                -- revision: bad-id
                -- down_revision:
                -- transaction: maybe
                -- revision: again
                SELECT 1;
                """);
        assertNull(result.migration());
        List<String> messages = result.problems().stream().map(Problem::toString).toList();
        assertTrue(messages.stream().anyMatch(m -> m.contains("m.sql:1") && m.contains("'bad-id'")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("m.sql:2") && m.contains("down_revision is empty")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("m.sql:3") && m.contains("'true' or 'false'")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("m.sql:4") && m.contains("given twice")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("m.sql:5") && m.contains("SQL before")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("no '-- migrate:upgrade'")), messages.toString());
    }

    @Test
    void sqlBeforeTheMarkerIsOneProblemAtItsFirstLine() throws IOException {
        SqlMigrationParser.Result result = parse("""
                -- revision: a1
                -- down_revision: none
                CREATE TABLE t (id INTEGER);
                INSERT INTO t VALUES (1);
                INSERT INTO t VALUES (2);
                """);
        List<String> sqlBefore = result.problems().stream().map(Problem::toString)
                .filter(m -> m.contains("SQL before")).toList();
        assertEquals(1, sqlBefore.size(), result.problems().toString());
        assertTrue(sqlBefore.get(0).contains("m.sql:3") && sqlBefore.get(0).contains("(3 lines)"), sqlBefore.get(0));
    }

    @Test
    void idsLongerThanTheVersionColumnAreRejected() throws IOException {
        String longId = "a".repeat(65);
        SqlMigrationParser.Result result = parse("-- revision: " + longId + "\n-- down_revision: none\n-- migrate:upgrade\n");
        assertNull(result.migration());
        assertEquals("revision id '" + longId + "' is 65 characters long; the limit is 64 (the version table's column)",
                result.problems().get(0).message());
        SqlMigrationParser.Result badCharacters = parse("-- revision: a-b\n-- down_revision: none\n-- migrate:upgrade\n");
        assertTrue(badCharacters.problems().get(0).message().contains("may use only letters, digits and '_'"),
                badCharacters.problems().toString());
        assertNotNull(parse("-- revision: " + "a".repeat(64) + "\n-- down_revision: none\n-- migrate:upgrade\n").migration());
    }

    @Test
    void wordsCommandsReadAsTargetsAreNotRevisionIds() throws IOException {
        // `upgrade base` said "nothing to do" and `downgrade base` looked for a revision's downgrade section.
        for (String word : List.of("base", "head", "heads", "current", "none", "None")) {
            SqlMigrationParser.Result result = parse("-- revision: " + word + "\n-- down_revision: none\n"
                    + "-- migrate:upgrade\n");
            assertNull(result.migration(), word);
            assertEquals(1, result.problems().get(0).line(), word);
            assertEquals("revision id '" + word + "' is a word commands read as a target or header value (base, head, "
                    + "heads, current, none): choose another id", result.problems().get(0).message());
        }
        assertNotNull(parse("-- revision: headless\n-- down_revision: none\n-- migrate:upgrade\n").migration());
        assertNotNull(parse("-- revision: Head\n-- down_revision: none\n-- migrate:upgrade\n").migration(),
                "targets are read exactly: Head is not head");
    }

    @Test
    void unknownSectionMarkerIsAnError() throws IOException {
        SqlMigrationParser.Result result = parse("-- revision: 1\n-- down_revision: none\n-- migrate:upgrade\n"
                + "SELECT 1;\n-- migrate:downgrde\nSELECT 2;\n");
        assertNull(result.migration());
        assertEquals(5, result.problems().get(0).line());
        assertTrue(result.problems().get(0).message().contains("did you mean '-- migrate:downgrade'"));
    }

    @Test
    void invalidUtf8IsAProblemButAReplacementCharacterIsText() throws IOException {
        Path broken = dir.resolve("broken.sql");
        byte[] header = "-- revision: 1\n-- down_revision: none\n-- message: caf".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] rest = "\n-- migrate:upgrade\nSELECT 1;\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write(header);
        bytes.write(new byte[] {(byte) 0xC3, (byte) 0x28});
        bytes.write(rest);
        Files.write(broken, bytes.toByteArray());
        SqlMigrationParser.Result result = SqlMigrationParser.parse(broken);
        assertNull(result.migration());
        assertTrue(result.problems().get(0).message().contains("not valid UTF-8"), result.problems().toString());

        SqlMigrationParser.Result fine = parse("-- revision: 1\n-- down_revision: none\n-- message: odd \uFFFD mark\n"
                + "-- migrate:upgrade\nSELECT 1;\n");
        assertEquals("odd \uFFFD mark", fine.migration().revision().message());
    }

    @Test
    void freeCommentsInTheHeaderAreAllowed() throws IOException {
        SqlMigrationParser.Result result = parse("-- Adds the roster table.\n-- revision: 1\n-- down_revision: none\n"
                + "-- migrate:upgrade\nSELECT 1;\n");
        assertNotNull(result.migration(), result.problems().toString());
    }

    @Test
    void aByteOrderMarkIsDropped() throws IOException {
        Path file = dir.resolve("bom.sql");
        Files.writeString(file, "\uFEFF-- revision: 1\n-- down_revision: none\n-- migrate:upgrade\nSELECT 1;\n");
        SqlMigrationParser.Result result = SqlMigrationParser.parse(file);
        assertEquals(List.of(), result.problems());
        assertEquals("1", result.migration().revision().id());
    }

    @Test
    void carriageReturnOnlyLineEndingsAreLineEndings() throws IOException {
        SqlMigrationParser.Result result = parse("-- revision: 1\r-- down_revision: none\r-- migrate:upgrade\r"
                + "SELECT 1; -- one\rSELECT 2;\r-- migrate:downgrade\rSELECT 3;\r");
        assertEquals(List.of(), result.problems());
        assertEquals(List.of(new Statement("SELECT 1", 4), new Statement("SELECT 2", 5)),
                statements(result.migration(), Direction.UPGRADE));
        assertEquals(List.of(new Statement("SELECT 3", 7)), statements(result.migration(), Direction.DOWNGRADE));
        SqlMigrationParser.Result mixed = parse("-- revision: 1\r\n-- down_revision: none\n-- migrate:upgrade\r"
                + "SELECT 1;\r\n");
        assertEquals(List.of(new Statement("SELECT 1", 4)), statements(mixed.migration(), Direction.UPGRADE));
    }

    @Test
    void theCreatedHeaderIsATimestamp() throws IOException {
        RevisionNode revision = parse("-- revision: 1\n-- down_revision: none\n-- created: 2025-11-17T06:01:08Z\n"
                + "-- migrate:upgrade\n").migration().revision();
        assertEquals(java.time.Instant.parse("2025-11-17T06:01:08Z"), revision.created());
        assertNull(parse("-- revision: 1\n-- down_revision: none\n-- migrate:upgrade\n").migration().revision().created());
        SqlMigrationParser.Result bad = parse("-- revision: 1\n-- down_revision: none\n-- created: yesterday\n"
                + "-- migrate:upgrade\n");
        assertNull(bad.migration());
        assertEquals(3, bad.problems().get(0).line());
        assertTrue(bad.problems().get(0).message().contains("created must be an ISO-8601 timestamp"), bad.problems().toString());
    }

    @Test
    void theRevisionKnowsTheLinesOfItsReferences() throws IOException {
        RevisionNode revision = parse("-- revision: 1\n-- message: m\n-- down_revision: a\n-- depends_on: b\n"
                + "-- migrate:upgrade\n").migration().revision();
        assertEquals(3, revision.downRevisionsLine());
        assertEquals(4, revision.dependsOnLine());
    }

    @Test
    void sectionChecksumsIgnoreLineEndingsAndTrailingWhitespaceOnly() throws IOException {
        SqlMigration plain = parse("-- revision: 1\n-- down_revision: none\n-- migrate:upgrade\nSELECT 1;\nSELECT 2;\n"
                + "-- migrate:downgrade\nSELECT 3;\n").migration();
        SqlMigration windows = parse("-- revision: 1\r\n-- down_revision: none\r\n-- migrate:upgrade\r\nSELECT 1;  \r\n"
                + "SELECT 2;\t\r\n\r\n\r\n-- migrate:downgrade\r\nSELECT 3;").migration();
        SqlMigration changed = parse("-- revision: 1\n-- down_revision: none\n-- migrate:upgrade\nSELECT 1;\nSELECT  2;\n"
                + "-- migrate:downgrade\nSELECT 3;\n").migration();
        SqlMigration irreversible = parse("-- revision: 1\n-- down_revision: none\n-- migrate:upgrade\nSELECT 1;\n"
                + "SELECT 2;\n").migration();
        assertEquals(64, plain.upgradeChecksum().length());
        assertEquals(plain.upgradeChecksum(), windows.upgradeChecksum());
        assertEquals(plain.downgradeChecksum(), windows.downgradeChecksum());
        assertNotEquals(plain.upgradeChecksum(), changed.upgradeChecksum());
        assertEquals(plain.downgradeChecksum(), changed.downgradeChecksum());
        assertNotEquals(plain.upgradeChecksum(), plain.downgradeChecksum());
        assertEquals(plain.upgradeChecksum(), irreversible.upgradeChecksum());
        assertNull(irreversible.downgradeChecksum());
        // The file hash is of the bytes: any edit changes it.
        assertNotEquals(plain.sha256(), windows.sha256());
    }

    @Test
    void aCheckWithoutChecksumsStillSplitsAFileTooLargeToReadWhole() throws IOException {
        // Such a file is read again to be split, and only its hash tells that it is the file just parsed.
        StringBuilder text = new StringBuilder("-- revision: big\n-- down_revision: none\n\n-- migrate:upgrade\n");
        int lines = 0;
        while (text.length() < 300 * 1024) {
            text.append("INSERT INTO t VALUES ('a reasonably long row of text to make the file large');\n");
            lines++;
        }
        text.append("COMMIT;\n");
        Path file = dir.resolve("big.sql");
        Files.writeString(file, text);

        SqlMigrationParser.CheckedResult checked = SqlMigrationParser.parseChecked(TextSource.of(file),
                List.of(SqlFlavor.SQLITE), false);

        assertEquals(List.of(), checked.parsed().problems());
        List<Problem> problems = checked.statementProblems().get(SqlFlavor.SQLITE);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(5 + lines, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("COMMIT"), problems.get(0).message());
    }
}
