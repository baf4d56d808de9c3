package dev.migrate.offline;

import dev.migrate.api.ExitCodes;
import dev.migrate.api.MigrateException;
import dev.migrate.text.IoReasons;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A part of a script held in a temporary file until it is known to be whole: a {@code transaction: false}
 * migration's statements, which a client reading the script would run one by one, so that a file changed while it
 * was read leaves none of them in the output. A file, not memory: a migration may be hundreds of megabytes. It is
 * copied a statement at a time, each read whole before any of it is written, so a copy that fails part-way leaves
 * only whole statements in the script: psql runs an unterminated last statement at the end of its input, and a cut
 * {@code DELETE ... WHERE} may still be valid SQL.
 */
final class Spool implements AutoCloseable {
    private final Path file;
    private final Writer writer;
    /** Characters written so far, and the length of each piece ending with a statement's ';' (in order). */
    private long written;
    private long lastEnd;
    private int[] pieces = new int[64];
    private int pieceCount;

    Spool() {
        try {
            file = Files.createTempFile("migrate-script-", ".sql");
        } catch (IOException e) {
            throw new Failed(e, false);
        }
        file.toFile().deleteOnExit(); // also when the command is stopped (Ctrl-C, a cancelled job) mid-way
        try {
            writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new Failed(e, false);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // deleteOnExit still has it
        }
    }

    /** Where the part is written; a write that fails ends the script as {@link Failed}. */
    ScriptText text() {
        return new ScriptText(new Appendable() {
            @Override
            public Appendable append(CharSequence text) {
                try {
                    writer.append(text);
                } catch (IOException e) {
                    throw new Failed(e, false);
                }
                written += text.length();
                return this;
            }

            @Override
            public Appendable append(CharSequence text, int start, int end) {
                return append(text.subSequence(start, end));
            }

            @Override
            public Appendable append(char c) {
                return append(String.valueOf(c));
            }
        }, this::statementEnded);
    }

    /** The temporary file (tests cut it short to see a copy fail part-way). */
    Path file() {
        return file;
    }

    private void statementEnded() {
        if (pieceCount == pieces.length) {
            pieces = Arrays.copyOf(pieces, pieceCount * 2);
        }
        pieces[pieceCount++] = Math.toIntExact(written - lastEnd);
        lastEnd = written;
    }

    /**
     * Copies the part to the script, each statement (with what precedes it) read whole before it is written. A read
     * that fails, or a file shorter than what was written to it, stops the copy after the last whole statement.
     */
    void copyTo(ScriptText script) {
        try {
            writer.flush();
        } catch (IOException e) {
            throw new Failed(e, false);
        }
        int copied = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (; copied < pieceCount; copied++) {
                script.append(readExactly(reader, pieces[copied]));
            }
            script.append(readExactly(reader, Math.toIntExact(written - lastEnd)));
        } catch (IOException e) {
            throw new Failed(e, copied > 0);
        }
    }

    private CharSequence readExactly(Reader reader, int length) throws IOException {
        char[] piece = new char[length];
        for (int read = 0; read < length; ) {
            int n = reader.read(piece, read, length - read);
            if (n < 0) {
                throw new IOException("the temporary file " + file + " ends before what was written to it "
                        + "(removed or cut short by something else)");
            }
            read += n;
        }
        return CharBuffer.wrap(piece);
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            // the part was copied, or the script already failed; the file goes either way
        }
        deleteQuietly(file);
    }

    /**
     * The temporary file could not be written or read back: the script stops before the migration, or, if the copy
     * failed part-way, after its last whole statement.
     */
    static final class Failed extends MigrateException {
        private static final long serialVersionUID = 1L;
        private final boolean partlyCopied;

        Failed(IOException cause, boolean partlyCopied) {
            super("migrate could not write or read back its temporary copy of the migration's statements in "
                    + System.getProperty("java.io.tmpdir") + ": " + IoReasons.reason(cause) + ". It needs free space "
                    + "there of about twice the migration's size; free some, or give another folder "
                    + "(MIGRATE_JAVA_OPTS=-Djava.io.tmpdir=DIR with the installed launcher)", ExitCodes.FAILED, cause);
            this.partlyCopied = partlyCopied;
        }

        /** Whether some of the migration's statements (whole ones) reached the script before the copy failed. */
        boolean partlyCopied() {
            return partlyCopied;
        }
    }
}
