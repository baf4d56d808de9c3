package dev.migrate.sql;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionControlTest {

    /** The lines of the statements of one section that the check refuses. */
    private static List<Integer> refused(String sql, SqlFlavor flavor) {
        TransactionControl check = new TransactionControl();
        List<Integer> lines = new ArrayList<>();
        try (SqlSplitter splitter = new SqlSplitter(new StringReader(sql), 1, flavor)) {
            while (splitter.hasNext()) {
                Statement statement = splitter.next();
                if (check.problem(statement) != null) {
                    lines.add(statement.line());
                }
            }
        }
        return lines;
    }

    private static String problem(String statement) {
        return new TransactionControl().problem(new Statement(statement, 1));
    }

    @Test
    void sqliteTransactionControlIsRefused() {
        for (String statement : List.of("BEGIN", "begin transaction", "BEGIN DEFERRED", "BEGIN IMMEDIATE TRANSACTION",
                "BEGIN EXCLUSIVE", "COMMIT", "commit transaction", "END", "END TRANSACTION", "ROLLBACK",
                "ROLLBACK TRANSACTION")) {
            assertEquals(List.of(2), refused("CREATE TABLE a (x);\n" + statement + ";\nSELECT 1;", SqlFlavor.SQLITE),
                    statement);
        }
    }

    @Test
    void postgresTransactionControlIsRefused() {
        for (String statement : List.of("START TRANSACTION", "start transaction isolation level serializable",
                "BEGIN WORK", "COMMIT AND CHAIN", "COMMIT AND NO CHAIN", "ROLLBACK AND CHAIN", "ABORT", "ABORT WORK",
                "END WORK", "COMMIT PREPARED 'x'", "ROLLBACK PREPARED 'x'", "PREPARE TRANSACTION 'x'",
                "/* why */ COMMIT")) {
            assertEquals(List.of(2), refused("CREATE TABLE a (x int);\n" + statement + ";\nSELECT 1;",
                    SqlFlavor.POSTGRESQL), statement);
        }
    }

    @Test
    void theMessageNamesTheStatementWhyAndTheFix() {
        String rollback = problem("ROLLBACK");
        assertTrue(rollback.startsWith("'ROLLBACK' is transaction control"), rollback);
        assertTrue(rollback.contains("discard the statements before it while the revision is still recorded"), rollback);
        assertTrue(rollback.contains("'-- transaction: false'") && rollback.contains("Remove the statement"), rollback);
        String commit = problem("COMMIT");
        assertTrue(commit.contains("permanent before the revision is recorded"), commit);
    }

    @Test
    void transactionWordsInsideBodiesStringsAndOtherStatementsAreFine() {
        String sqlite = "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE b SET n = 1; END;\n"
                + "INSERT INTO log VALUES ('COMMIT');\n"
                + "SELECT 1; -- ROLLBACK\n"
                + "CREATE TABLE \"begin\" (\"commit\" INT);\n";
        assertEquals(List.of(), refused(sqlite, SqlFlavor.SQLITE));
        String postgres = "CREATE FUNCTION f() RETURNS void AS $$ BEGIN COMMIT; END $$ LANGUAGE plpgsql;\n"
                + "DO $$ BEGIN ROLLBACK; END $$;\n"
                + "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\n"
                + "PREPARE q AS SELECT 1;\n"
                + "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;\n";
        assertEquals(List.of(), refused(postgres, SqlFlavor.POSTGRESQL));
    }

    @Test
    void savepointsSetInTheSectionMayBeReleasedOrRolledBackTo() {
        String sql = "SAVEPOINT a;\nSAVEPOINT b;\nROLLBACK TO SAVEPOINT b;\nROLLBACK TRANSACTION TO a;\n"
                + "RELEASE a;\nSAVEPOINT \"C\";\nRELEASE SAVEPOINT c;\n";
        assertEquals(List.of(), refused(sql, SqlFlavor.POSTGRESQL));
        assertEquals(List.of(), refused(sql, SqlFlavor.SQLITE));
    }

    @Test
    void savepointsNotSetInTheSectionAreMisuse() {
        assertEquals(List.of(2, 3), refused("SELECT 1;\nRELEASE x;\nROLLBACK TO SAVEPOINT y;\n", SqlFlavor.POSTGRESQL));
        // Releasing a destroys b, set after it; rolling back to a keeps a but destroys b.
        assertEquals(List.of(4), refused("SAVEPOINT a;\nSAVEPOINT b;\nRELEASE a;\nRELEASE b;\n", SqlFlavor.SQLITE));
        assertEquals(List.of(4, 5), refused("SAVEPOINT a;\nSAVEPOINT b;\nROLLBACK TO a;\nRELEASE b;\nROLLBACK TO b;\n"
                + "RELEASE a;\n", SqlFlavor.SQLITE));
        String message = problem("RELEASE SAVEPOINT x");
        assertTrue(message.contains("savepoint x, which this section has not set with 'SAVEPOINT x'"), message);
    }
}
