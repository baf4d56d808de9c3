package dev.migrate.engine;

import dev.migrate.sql.SqlFlavor;
import dev.migrate.sql.SqlSplitter;
import dev.migrate.sql.UnterminatedSqlException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.Reader;
import java.io.StringReader;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The statements a pipelined step sends come in parts, in order, whether read on the caller's thread or ahead on a
 * thread of their own: what the reading meets (the end, transaction control, an error) arrives after the parts before
 * it, never early and never lost.
 */
class StatementFeedTest {
    /** Statements of 30 characters and more, one per line from line 1. */
    private static String inserts(int count) {
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            sql.append("INSERT INTO t VALUES (").append(i).append(", 'row');\n");
        }
        return sql.toString();
    }

    private static StatementFeed feed(String sql, boolean readAhead) {
        return new StatementFeed(new SqlSplitter(new StringReader(sql), 1, SqlFlavor.POSTGRESQL),
                text -> text.replace("${n}", "42"), 100, readAhead);
    }

    /** Every part up to the one that ends the feed; the lines of all, in order. */
    private static List<StatementFeed.Part> parts(StatementFeed feed) {
        List<StatementFeed.Part> parts = new ArrayList<>();
        StatementFeed.Part part;
        do {
            part = feed.next();
            parts.add(part);
        } while (part.end() == StatementFeed.End.MORE);
        return parts;
    }

    private static List<Integer> lines(List<StatementFeed.Part> parts) {
        return parts.stream().flatMap(part -> part.lines().stream()).toList();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void partsEndAtTheStatementThatFillsThemAndKeepEveryLineInOrder(boolean readAhead) {
        try (StatementFeed feed = feed(inserts(20) + "SELECT ${n};\n", readAhead)) {
            List<StatementFeed.Part> parts = parts(feed);
            assertEquals(StatementFeed.End.LAST, parts.get(parts.size() - 1).end());
            assertTrue(parts.size() > 3, "parts: " + parts.size());
            for (StatementFeed.Part part : parts.subList(0, parts.size() - 1)) {
                int chars = part.texts().stream().mapToInt(String::length).sum();
                int withoutLast = chars - part.texts().get(part.texts().size() - 1).length();
                assertTrue(chars >= 100 && withoutLast < 100, "part of " + chars + " characters");
            }
            List<Integer> expected = new ArrayList<>();
            for (int line = 1; line <= 21; line++) {
                expected.add(line);
            }
            assertEquals(expected, lines(parts));
            List<String> last = parts.get(parts.size() - 1).texts();
            assertEquals("SELECT 42", last.get(last.size() - 1), "placeholders applied");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void transactionControlComesAfterThePartsBeforeItAndNothingOfItsOwnPart(boolean readAhead) {
        try (StatementFeed feed = feed(inserts(20) + "COMMIT;\n" + inserts(20), readAhead)) {
            List<StatementFeed.Part> parts = parts(feed);
            StatementFeed.Part end = parts.get(parts.size() - 1);
            assertEquals(StatementFeed.End.TRANSACTION_CONTROL, end.end());
            assertEquals(List.of(), end.texts());
            List<Integer> sent = lines(parts);
            assertTrue(!sent.isEmpty() && sent.get(sent.size() - 1) < 21, "lines before the COMMIT only: " + sent);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aReadingErrorComesAfterThePartsBeforeItAsItWasThrown(boolean readAhead) {
        try (StatementFeed feed = feed(inserts(20) + "SELECT 'never closed;\n", readAhead)) {
            List<StatementFeed.Part> parts = parts(feed);
            StatementFeed.Part end = parts.get(parts.size() - 1);
            assertEquals(StatementFeed.End.FAILED, end.end());
            UnterminatedSqlException thrown = assertThrows(UnterminatedSqlException.class, end::rethrow);
            assertSame(end.failure(), thrown);
            assertEquals(21, thrown.openedLine());
            assertTrue(parts.size() > 1 && lines(parts).get(0) == 1, "the parts before it came first");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void closingBeforeTheEndLetsGoOfTheSection(boolean readAhead) {
        SqlSplitter statements = new SqlSplitter(new StringReader(inserts(10_000)), 1, SqlFlavor.POSTGRESQL);
        StatementFeed feed = new StatementFeed(statements, text -> text, 100, readAhead);
        assertEquals(StatementFeed.End.MORE, feed.next().end());
        feed.close(); // returns only once the reader has stopped: the caller may close the section
        long threads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("migrate-statement-reader")).count();
        assertEquals(0, threads);
        statements.close();
    }

    /**
     * Large statements are held one at a time: after a part larger than two batches, the reader waits until the
     * caller has sent it and asks for the next, instead of reading the next large statements into the waiting parts
     * (a file of 8 MB INSERTs needed a 40% larger heap).
     */
    @org.junit.jupiter.api.Test
    void aPartOfLargeStatementsIsNotReadPastUntilTheCallerAsksForTheNext() throws Exception {
        String big = "INSERT INTO t VALUES ('" + "x".repeat(1000) + "');\n";
        AtomicLong read = new AtomicLong();
        Reader counting = new StringReader(big.repeat(5)) {
            @Override
            public int read(char[] buffer, int offset, int length) throws java.io.IOException {
                int n = super.read(buffer, offset, Math.min(length, 64));
                if (n > 0) {
                    read.addAndGet(n);
                }
                return n;
            }
        };
        try (StatementFeed feed = new StatementFeed(new SqlSplitter(counting, 1, SqlFlavor.POSTGRESQL),
                text -> text, 100, true)) {
            StatementFeed.Part first = feed.next();
            assertEquals(1, first.texts().size());
            Thread.sleep(300); // time enough for a reader that does not wait to read all five
            assertTrue(read.get() < 3L * big.length(),
                    "read " + read.get() + " characters while the caller held the first of " + big.length());
            List<StatementFeed.Part> rest = parts(feed);
            assertEquals(List.of(2, 3, 4, 5), lines(rest));
        }
    }

    /** A reader thread that ends without its last part (an interrupt) fails the feed instead of hanging the caller. */
    @org.junit.jupiter.api.Test
    void aReaderThatStopsEarlyFailsTheFeedInsteadOfHangingIt() throws Exception {
        try (StatementFeed feed = feed(inserts(200), true)) {
            feed.next();
            Thread.sleep(200); // the reader fills the queue and waits to hand over the next part
            Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals("migrate-statement-reader"))
                    .forEach(Thread::interrupt);
            List<StatementFeed.Part> rest = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(10), () -> parts(feed));
            assertEquals(StatementFeed.End.FAILED, rest.get(rest.size() - 1).end());
        }
    }
}
