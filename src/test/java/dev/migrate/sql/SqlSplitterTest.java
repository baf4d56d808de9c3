package dev.migrate.sql;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlSplitterTest {

    private static List<Statement> split(String sql, SqlFlavor flavor) {
        try (SqlSplitter splitter = new SqlSplitter(new StringReader(sql), 1, flavor)) {
            return splitter.toList();
        }
    }

    private static List<String> texts(String sql, SqlFlavor flavor) {
        return split(sql, flavor).stream().map(Statement::sql).toList();
    }

    @Test
    void splitsOnSemicolonsAndKeepsLineNumbers() {
        List<Statement> statements = split("CREATE TABLE a (x INT);\n\nINSERT INTO a VALUES (1);\n  SELECT 1", SqlFlavor.SQLITE);
        assertEquals(List.of(new Statement("CREATE TABLE a (x INT)", 1), new Statement("INSERT INTO a VALUES (1)", 3),
                new Statement("SELECT 1", 4)), statements);
    }

    @Test
    void firstLineOffsetsLineNumbers() {
        try (SqlSplitter splitter = new SqlSplitter(new StringReader("\nSELECT 1;\nSELECT 2;"), 10, SqlFlavor.SQLITE)) {
            assertEquals(List.of(new Statement("SELECT 1", 11), new Statement("SELECT 2", 12)), splitter.toList());
        }
    }

    @Test
    void semicolonsInsideSingleQuotedStringsWithDoubledQuotes() {
        assertEquals(List.of("INSERT INTO t VALUES ('it''s; here')", "SELECT 2"),
                texts("INSERT INTO t VALUES ('it''s; here'); SELECT 2;", SqlFlavor.SQLITE));
    }

    @Test
    void semicolonsInsideDoubleQuotedIdentifiers() {
        assertEquals(List.of("CREATE TABLE \"we;ird\"\"name\" (x INT)", "SELECT 1"),
                texts("CREATE TABLE \"we;ird\"\"name\" (x INT); SELECT 1", SqlFlavor.POSTGRESQL));
    }

    @Test
    void commentsHideSemicolonsAndLeadingCommentsAreDropped() {
        List<Statement> statements = split("-- first; comment\n/* block; \n comment */ SELECT 1; -- trailing;\nSELECT 2 /* ; */;",
                SqlFlavor.SQLITE);
        assertEquals(List.of(new Statement("SELECT 1", 3), new Statement("SELECT 2", 4)), statements);
    }

    @Test
    void commentOnlyInputHasNoStatements() {
        assertEquals(List.of(), texts("-- nothing here;\n/* nor; here */\n;;\n", SqlFlavor.POSTGRESQL));
    }

    @Test
    void postgresNestedBlockComments() {
        assertEquals(List.of("SELECT /* outer /* inner; */ still comment; */ 1", "SELECT 2"),
                texts("SELECT /* outer /* inner; */ still comment; */ 1; SELECT 2;", SqlFlavor.POSTGRESQL));
    }

    @Test
    void dollarQuotedBodies() {
        String function = "CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  PERFORM 1;\n  RETURN 2;\nEND;\n$$ LANGUAGE plpgsql";
        String tagged = "DO $body$ BEGIN RAISE NOTICE 'a;b $$ not the end'; END $body$";
        assertEquals(List.of(function, tagged, "SELECT $1::int"),
                texts(function + ";\n" + tagged + ";\nSELECT $1::int;", SqlFlavor.POSTGRESQL));
    }

    @Test
    void dollarSignsInsideIdentifiersAreNotQuotes() {
        assertEquals(List.of("SELECT a$b FROM t", "SELECT 2"), texts("SELECT a$b FROM t; SELECT 2;", SqlFlavor.POSTGRESQL));
    }

    @Test
    void escapeStringsUseBackslashes() {
        assertEquals(List.of("SELECT E'it\\'s; fine'", "SELECT 'plain\\'", "SELECT 3"),
                texts("SELECT E'it\\'s; fine'; SELECT 'plain\\'; SELECT 3;", SqlFlavor.POSTGRESQL));
    }

    @Test
    void sqliteTriggerBodiesStayWhole() {
        String trigger = "CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n  UPDATE b SET n = CASE WHEN n > 1 THEN 1 ELSE 2 END;\n"
                + "  INSERT INTO c VALUES (1);\nEND";
        List<Statement> statements = split("CREATE TABLE a (x);\n" + trigger + ";\nSELECT 1;", SqlFlavor.SQLITE);
        assertEquals(List.of(new Statement("CREATE TABLE a (x)", 1), new Statement(trigger, 2), new Statement("SELECT 1", 7)),
                statements);
    }

    @Test
    void temporaryTriggersToo() {
        String trigger = "create temp trigger t before delete on a begin select raise(abort, 'no; way'); end";
        assertEquals(List.of(trigger, "SELECT 1"), texts(trigger + "; SELECT 1;", SqlFlavor.SQLITE));
    }

    @Test
    void beginAtomicFunctionBodies() {
        String function = "CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n"
                + "  SELECT CASE WHEN a IS NULL THEN 0 ELSE a END + b;\nEND";
        assertEquals(List.of(function, "SELECT add(1, 2)"), texts(function + ";\nSELECT add(1, 2);", SqlFlavor.POSTGRESQL));
    }

    @Test
    void plainTransactionBeginIsNotABlock() {
        assertEquals(List.of("BEGIN", "SELECT 1", "END"), texts("BEGIN; SELECT 1; END;", SqlFlavor.SQLITE));
    }

    @Test
    void sqliteBacktickAndBracketIdentifiers() {
        assertEquals(List.of("SELECT `a;b`, [c;d] FROM t", "SELECT 2"),
                texts("SELECT `a;b`, [c;d] FROM t; SELECT 2", SqlFlavor.SQLITE));
    }

    @Test
    void lastStatementWithoutSemicolonAndTrailingCommentsCut() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), texts("SELECT 1;\nSELECT 2 -- done\n", SqlFlavor.SQLITE));
        assertEquals(List.of("SELECT 1 -- inside\n  + 1"), texts("SELECT 1 -- inside\n  + 1 /* trailing */;", SqlFlavor.SQLITE));
    }

    @Test
    void dollarQuoteTagsMayHoldDigitsAfterTheFirstCharacter() {
        String body = "DO $q1$ BEGIN PERFORM 1; END $q1$";
        assertEquals(List.of(body, "SELECT 2"), texts(body + "; SELECT 2;", SqlFlavor.POSTGRESQL));
    }

    @Test
    void aDollarRightBeforeTheClosingTagRestartsTheMatch() {
        // "$$a$": the first '$' starts a false match; the second must start the real closing tag "$a$".
        String quoted = "SELECT $a$ends in a dollar $$a$";
        assertEquals(List.of(quoted, "SELECT 2"), texts(quoted + "; SELECT 2;", SqlFlavor.POSTGRESQL));
    }

    @Test
    void aDollarInsideAWordDoesNotOpenAQuote() {
        assertEquals(List.of("SELECT a$b$ FROM t", "SELECT 2"), texts("SELECT a$b$ FROM t; SELECT 2;", SqlFlavor.POSTGRESQL));
    }

    @Test
    void unterminatedBlockCommentIsAnErrorWithTheLineItOpenedOn() {
        UnterminatedSqlException e = assertThrows(UnterminatedSqlException.class,
                () -> split("SELECT 1;\n/* forgot to close\nSELECT 2;\nSELECT 3;\n", SqlFlavor.SQLITE));
        assertEquals(2, e.openedLine());
        assertEquals("/* comment", e.construct());
        UnterminatedSqlException nested = assertThrows(UnterminatedSqlException.class,
                () -> split("SELECT 1;\n/* outer /* inner */ still open\nSELECT 2;", SqlFlavor.POSTGRESQL));
        assertEquals(2, nested.openedLine());
    }

    @Test
    void unterminatedQuotesAndIdentifiersAreErrors() {
        assertUnterminated("SELECT 1;\nINSERT INTO t VALUES ('its);\nSELECT 2;", SqlFlavor.SQLITE, "'string'", 2);
        assertUnterminated("SELECT 1;\n\nSELECT E'\\';", SqlFlavor.POSTGRESQL, "'string'", 3);
        assertUnterminated("SELECT \"col;\nFROM t;", SqlFlavor.POSTGRESQL, "\"identifier\"", 1);
        assertUnterminated("SELECT `col;", SqlFlavor.SQLITE, "`identifier`", 1);
        assertUnterminated("SELECT [col;", SqlFlavor.SQLITE, "[identifier]", 1);
        assertUnterminated("SELECT 1;\nDO $body$ BEGIN\nEND $bod$;\nSELECT 2;", SqlFlavor.POSTGRESQL,
                "$body$ dollar quote", 2);
    }

    private static void assertUnterminated(String sql, SqlFlavor flavor, String construct, int line) {
        UnterminatedSqlException e = assertThrows(UnterminatedSqlException.class, () -> split(sql, flavor), sql);
        assertEquals(construct, e.construct(), sql);
        assertEquals(line, e.openedLine(), sql);
    }

    @Test
    void statementsBeforeTheUnterminatedConstructAreStillReturnedFirst() {
        try (SqlSplitter splitter = new SqlSplitter(new StringReader("SELECT 1;\nSELECT '"), 1, SqlFlavor.SQLITE)) {
            assertEquals(new Statement("SELECT 1", 1), splitter.next());
            assertThrows(UnterminatedSqlException.class, splitter::hasNext);
        }
    }

    @Test
    void callersChooseTheExceptionForAnUnterminatedConstruct() {
        IllegalStateException mine = new IllegalStateException("named");
        try (SqlSplitter splitter = new SqlSplitter(new StringReader("/* open"), 7, SqlFlavor.SQLITE, e -> mine)) {
            assertSame(mine, assertThrows(IllegalStateException.class, splitter::hasNext));
        }
    }

    @Test
    void closedConstructsAtTheVeryEndAreFine() {
        assertEquals(List.of("SELECT 'x'"), texts("SELECT 'x' /* done */", SqlFlavor.SQLITE));
        assertEquals(List.of("SELECT $$x$$"), texts("SELECT $$x$$", SqlFlavor.POSTGRESQL));
        assertEquals(List.of("SELECT 1"), texts("SELECT 1 -- a line comment needs no end", SqlFlavor.POSTGRESQL));
    }

    @Test
    void statementsAndQuotesAcrossEveryBufferSizeComeOutWhole() {
        // The read buffer starts small and grows while the reader fills it: statements, quoted text and comments of
        // lengths around each size it takes must come out whole, with their line numbers, however the reader splits
        // its reads.
        StringBuilder sql = new StringBuilder();
        List<Statement> expected = new java.util.ArrayList<>();
        int line = 1;
        for (int length : new int[] {255, 256, 257, 511, 512, 513, 1023, 1025, 4095, 4097, 8191, 8192, 8193, 20000}) {
            String quoted = "INSERT INTO t VALUES ('" + "x;".repeat(length / 2) + "')";
            String dollar = "DO $b$ " + "y;\n".repeat(length / 3) + " $b$";
            expected.add(new Statement(quoted, line));
            sql.append(quoted).append(";\n/* ").append("c;".repeat(length / 2)).append(" */\n");
            line += 2;
            expected.add(new Statement(dollar, line));
            sql.append(dollar).append(";\n");
            line += (int) dollar.chars().filter(c -> c == '\n').count() + 1;
        }
        assertEquals(expected, split(sql.toString(), SqlFlavor.POSTGRESQL));
        // A reader that returns fewer characters than asked (as a decoding reader may) gives the same statements.
        java.io.Reader trickle = new java.io.FilterReader(new StringReader(sql.toString())) {
            private int call;

            @Override
            public int read(char[] buffer, int offset, int length) throws java.io.IOException {
                return super.read(buffer, offset, Math.min(length, 1 + (call++ * 7919) % 700));
            }
        };
        try (SqlSplitter splitter = new SqlSplitter(trickle, 1, SqlFlavor.POSTGRESQL)) {
            assertEquals(expected, splitter.toList());
        }
    }

    /** What a split yields, the statements or the unterminated construct, comparable across flavours. */
    private static String outcome(String sql, SqlFlavor flavor) {
        try {
            return split(sql, flavor).toString();
        } catch (UnterminatedSqlException e) {
            return "unterminated " + e.construct() + " at " + e.openedLine();
        }
    }

    @Test
    void aTextWithoutFlavourSpecificCharactersSplitsAlikeForBothDatabases() {
        // check splits such a file once for both databases; a lexing rule added for one flavour must be named in
        // splitsAlikeInEveryFlavor, or this finds a text it splits differently.
        String[] pieces = {"SELECT", " ", "\n", ";", "'", "''", "\"", "--", "/*", "*/", "BEGIN", "END", "CASE",
                "ATOMIC", "CREATE TRIGGER t", "E", "x", "(", ")", "\r\n", "$", "\\", "`", "[", "]", "$$", "E'"};
        Random random = new Random(7);
        int alike = 0;
        for (int trial = 0; trial < 50_000; trial++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(14); i >= 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String sql = text.toString();
            if (SqlSplitter.splitsAlikeInEveryFlavor(sql)) {
                alike++;
                assertEquals(outcome(sql, SqlFlavor.POSTGRESQL), outcome(sql, SqlFlavor.SQLITE), sql);
            }
        }
        assertTrue(alike > 10_000, "enough texts without flavour-specific characters: " + alike);
    }

    @Test
    void eachFlavourSpecificCharacterIsOneThatSplitsDifferently() {
        for (String sql : List.of("SELECT $$a;b$$; SELECT 2", "SELECT E'\\'; SELECT 2'", "SELECT `a;b`; SELECT 2",
                "SELECT [a;b]; SELECT 2", "/* a /* b */ SELECT 1; */ SELECT 2")) {
            assertFalse(SqlSplitter.splitsAlikeInEveryFlavor(sql), sql);
            assertNotEquals(outcome(sql, SqlFlavor.POSTGRESQL), outcome(sql, SqlFlavor.SQLITE), sql);
        }
    }
}
