package dev.migrate.offline;

import dev.migrate.Migrator;
import dev.migrate.api.MigrateException;
import dev.migrate.api.ScriptResult;
import dev.migrate.api.UsageException;
import dev.migrate.cli.Main;
import dev.migrate.db.DialectName;
import dev.migrate.testing.Cli;
import dev.migrate.testing.MigrationFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code --sql} script is written as it is rendered: whatever can refuse refuses before the first line, and a file
 * that can no longer be read as it was validated, once lines are out, leaves output that says it is incomplete.
 */
class StreamedScriptTest {
    @TempDir
    Path work;

    @Test
    void theStreamingFormWritesWhatTheStringFormAndTheCliReturn() {
        MigrationFiles files = new MigrationFiles(work.resolve("migrations"));
        files.table("a1", "none");
        files.write("b2", "a1", "INSERT INTO t_a1 (id) VALUES (1);\n-- a comment, then é in a string\n"
                + "INSERT INTO t_a1 (id) SELECT length('é');", "DELETE FROM t_a1;");
        Migrator migrator = Migrator.builder().dir(files.dir()).build();

        StringBuilder streamed = new StringBuilder();
        ScriptResult result = migrator.upgradeScript("head", DialectName.POSTGRESQL.dialect(), streamed);
        assertTrue(result.complete());
        assertEquals(migrator.upgradeScript("head", DialectName.POSTGRESQL.dialect()).sql(), streamed.toString());
        assertTrue(streamed.toString().endsWith("COMMIT;\n"), streamed.toString());
        Cli.Result cli = new Cli().run("upgrade", "head", "--sql", "--dialect", "postgresql", "--dir",
                files.dir().toString());
        assertEquals(0, cli.exitCode(), cli.toString());
        assertEquals(streamed.toString(), cli.out());

        StringBuilder stamp = new StringBuilder();
        assertTrue(migrator.stampScript("b2", DialectName.SQLITE.dialect(), stamp).complete());
        assertEquals(migrator.stampScript("b2", DialectName.SQLITE.dialect()).sql(), stamp.toString());
    }

    @Test
    void aRefusedScriptWritesNothing() {
        MigrationFiles files = new MigrationFiles(work.resolve("migrations"));
        files.table("a1", "none");
        files.writeRaw("b2", """
                -- revision: b2
                -- down_revision: a1
                -- placeholders: true

                -- migrate:upgrade
                CREATE TABLE ${table} (id INTEGER);
                """);
        StringBuilder out = new StringBuilder();
        Migrator migrator = Migrator.builder().dir(files.dir()).build();
        assertThrows(UsageException.class, () -> migrator.upgradeScript("head", DialectName.SQLITE.dialect(), out));
        assertEquals("", out.toString(), "refused before the first line");

        Cli.Result cli = new Cli().run("upgrade", "head", "--sql", "--dialect", "sqlite", "--dir",
                files.dir().toString());
        assertEquals(2, cli.exitCode(), cli.toString());
        assertTrue(cli.err().contains("table"), cli.err());
        assertEquals("", cli.out());
        Cli.Result range = new Cli().run("upgrade", "a1:nowhere", "--sql", "--dialect", "sqlite", "--dir",
                files.dir().toString());
        assertEquals(2, range.exitCode(), range.toString());
        assertEquals("", range.out());
    }

    /**
     * b2, a small file, is edited while a1's statements are being written: the script renders b2 as it was loaded and
     * checked before the first line, and records that text's checksum, so the script is one consistent snapshot.
     */
    @Test
    void aSmallFileChangedBeforeItsTurnIsRenderedAsItWasChecked() throws IOException {
        MigrationFiles files = new MigrationFiles(work.resolve("migrations"));
        files.table("a1", "none");
        Path b2 = files.table("b2", "a1");
        Output output = run(files, "CREATE TABLE t_a1", () -> write(b2, "-- revision: b2\n-- down_revision: a1\n\n"
                + "-- migrate:upgrade\nDROP TABLE t_a1;\n"));

        assertEquals(0, output.exitCode, output.toString());
        assertTrue(output.out.contains("CREATE TABLE t_b2") && !output.out.contains("DROP TABLE t_a1"), output.out);
        assertTrue(output.out.contains("'b2'"), "b2 is recorded: " + output.out);
        assertFalse(output.out.contains("INCOMPLETE"), output.out);
    }

    /**
     * A large file (streamed, not read whole) is edited while its own statements are written: the change shows when
     * its section ends, after its statements and before its version change and COMMIT.
     */
    @Test
    void aFileChangedWhileItStreamsEndsTheScriptBeforeItsCommit() throws IOException {
        MigrationFiles files = new MigrationFiles(work.resolve("migrations"));
        StringBuilder inserts = new StringBuilder("CREATE TABLE t (id INTEGER, v TEXT);\n");
        for (int i = 0; i < 4000; i++) {
            inserts.append("INSERT INTO t VALUES (").append(i).append(", '").append("x".repeat(80)).append("');\n");
        }
        Path a1 = files.write("a1", "none", inserts.toString(), "DROP TABLE t;");
        assertTrue(Files.size(a1) > 300_000, "large enough to be streamed");
        String text = Files.readString(a1);
        String edited = text.substring(0, text.length() - 10) + text.substring(text.length() - 10).replace('T', 'X');
        Output output = run(files, "CREATE TABLE t ", () -> write(a1, edited));

        assertEquals(1, output.exitCode, output.toString());
        List<String> lines = output.out.lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("-- INCOMPLETE SCRIPT: migrate stopped here, in revision "
                + "a1, because " + a1 + " could not be read to the end"), output.toString());
        assertTrue(output.out.contains("INSERT INTO t VALUES (3990, "), "its statements streamed: " + lines.size());
        assertFalse(output.out.contains("COMMIT;"), "the migration is not committed: " + output.out);
        assertFalse(output.out.contains("VALUES ('a1')"), "nor recorded");
        assertTrue(output.err.contains(a1 + " (revision a1)"), output.err);
    }

    /**
     * A {@code transaction: false} migration's statements would run one by one in a client reading the script, so a
     * file changed while it is read must leave none of them in the output: they are held in a temporary file until
     * the section was read whole as validated. The file is changed while migrate reads it (after the check at its
     * start, which a change before its turn meets), from another thread once the script reaches the migration.
     */
    @Test
    void aNonTransactionalFileChangedWhileItIsReadLeavesNoneOfItsStatements() throws Exception {
        MigrationFiles files = new MigrationFiles(work.resolve("migrations"));
        files.table("a1", "none");
        StringBuilder text = new StringBuilder("-- revision: a2\n-- down_revision: a1\n-- message: backfill\n"
                + "-- transaction: false\n\n-- migrate:upgrade\n");
        for (int i = 0; i < 200_000; i++) {
            text.append("INSERT INTO t VALUES (").append(i).append(", '").append("x".repeat(80)).append("');\n");
        }
        text.append("\n-- migrate:downgrade\nDELETE FROM t;\n");
        Path a2 = files.writeRaw("a2", text.toString());
        String edited = text.toString().replace("VALUES (199999,", "VALUES (-1,");
        Thread editor = new Thread(() -> {
            try {
                Thread.sleep(150); // past the hash at the section's start, into the statements
                write(a2, edited);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Output output = run(files, "-- Running upgrade a1 -> a2", editor::start);
        editor.join();

        // The edit is timed, not synchronised: on a machine that read the 18 MB before it, there is nothing to see.
        org.junit.jupiter.api.Assumptions.assumeTrue(output.exitCode != 0,
                "the edit landed after migrate had read the file whole");
        assertEquals(1, output.exitCode, output.err);
        List<String> lines = output.out.lines().toList();
        assertTrue(lines.get(lines.size() - 1).startsWith("-- INCOMPLETE SCRIPT: migrate stopped here, in revision "
                + "a2, because " + a2 + " could not be read to the end"), lines.get(lines.size() - 1));
        assertFalse(output.out.contains("INSERT INTO t VALUES ("),
                "none of the non-transactional migration's statements reached the output");
        assertTrue(output.out.contains("VALUES ('a1')"), "the migration before it is whole");
    }

    @Test
    void anOutputThatRefusesAWriteFailsTheCommand() {
        MigrationFiles files = new MigrationFiles(work.resolve("migrations"));
        files.table("a1", "none");
        Appendable full = new Appendable() {
            @Override
            public Appendable append(CharSequence text) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public Appendable append(CharSequence text, int start, int end) throws IOException {
                return append(text);
            }

            @Override
            public Appendable append(char c) throws IOException {
                return append(String.valueOf(c));
            }
        };
        MigrateException api = assertThrows(MigrateException.class, () -> Migrator.builder().dir(files.dir()).build()
                .upgradeScript("head", DialectName.SQLITE.dialect(), full));
        assertEquals(1, api.exitCode());
        assertTrue(api.getMessage().contains("could not be written: No space left on device"), api.getMessage());

        StringWriter err = new StringWriter();
        Writer disk = new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        int code = Main.run(new String[] {"upgrade", "head", "--sql", "--dialect", "sqlite", "--dir",
                files.dir().toString()}, Map.of(), new PrintWriter(disk, true), new PrintWriter(err, true));
        assertEquals(1, code, err.toString());
        assertTrue(err.toString().contains("could not be written to standard output whole"), err.toString());
    }

    private record Output(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs {@code upgrade --sql} through the CLI; does {@code action} once the script's text shows {@code trigger}. */
    private static Output run(MigrationFiles files, String trigger, Runnable action) {
        Tripwire out = new Tripwire(trigger, action);
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"upgrade", "head", "--sql", "--dialect", "postgresql", "--dir",
                files.dir().toString()}, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Output(code, out.text.toString(), err.toString());
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An output that does something to the files, once, when the text written so far contains a trigger. */
    private static final class Tripwire extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final String trigger;
        private Runnable action;

        Tripwire(String trigger, Runnable action) {
            this.trigger = trigger;
            this.action = action;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
            if (action != null && text.indexOf(trigger) >= 0) {
                action.run();
                action = null;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
