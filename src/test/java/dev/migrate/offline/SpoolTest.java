package dev.migrate.offline;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpoolTest {
    private static void write(ScriptText text) {
        text.append("-- transaction: false\n");
        text.terminated("INSERT INTO t VALUES (1)");
        text.terminated("DELETE FROM t WHERE id = 2");
        text.terminated("INSERT INTO t VALUES ('" + "x".repeat(100_000) + "')");
        text.append("-- done\n");
    }

    @Test
    void aSpooledPartIsCopiedWhole() {
        StringBuilder expected = new StringBuilder();
        write(new ScriptText(expected));
        StringBuilder out = new StringBuilder();
        try (Spool spool = new Spool()) {
            write(spool.text());
            spool.copyTo(new ScriptText(out));
            assertTrue(Files.exists(spool.file()));
        }
        assertEquals(expected.toString(), out.toString());
    }

    @Test
    void aCopyThatFailsPartWayLeavesOnlyWholeStatements() throws Exception {
        StringBuilder out = new StringBuilder();
        Path file;
        try (Spool spool = new Spool()) {
            write(spool.text());
            file = spool.file();
            // Something else replaced the temporary file with a cut copy: the DELETE lost its WHERE clause, and a
            // client would run "DELETE FROM t" at the end of its input. It must not reach the script.
            Files.delete(file);
            Files.writeString(file, "-- transaction: false\nINSERT INTO t VALUES (1);\nDELETE FROM t");
            Spool.Failed failed = assertThrows(Spool.Failed.class, () -> spool.copyTo(new ScriptText(out)));
            assertTrue(failed.partlyCopied());
            assertTrue(failed.getMessage().contains("ends before what was written to it"), failed.getMessage());
        }
        assertEquals("-- transaction: false\nINSERT INTO t VALUES (1);\n", out.toString());
        assertFalse(Files.exists(file), "the temporary file goes with the spool");
    }

    @Test
    void aStatementAndTheProgressRowAfterItAreCopiedTogetherOrNotAtAll() throws Exception {
        // How the renderer writes a transaction: false migration: the statement appended, its progress row
        // terminated, so the two end one piece. Cut between them, neither reaches the script.
        StringBuilder out = new StringBuilder();
        try (Spool spool = new Spool()) {
            ScriptText text = spool.text();
            text.terminated("INSERT INTO progress VALUES ('b2', 'started')");
            text.append("CREATE INDEX CONCURRENTLY i ON t (x);\n");
            text.terminated("UPDATE progress SET line = 7");
            Files.delete(spool.file());
            Files.writeString(spool.file(), "INSERT INTO progress VALUES ('b2', 'started');\n"
                    + "CREATE INDEX CONCURRENTLY i ON t (x);\n");
            assertThrows(Spool.Failed.class, () -> spool.copyTo(new ScriptText(out)));
        }
        assertEquals("INSERT INTO progress VALUES ('b2', 'started');\n", out.toString());
    }
}
