package dev.migrate.offline;

import dev.migrate.api.ExitCodes;
import dev.migrate.api.MigrateException;
import dev.migrate.text.IoReasons;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A part of a script held in a temporary file until it is known to be whole: a {@code transaction: false}
 * migration's statements, which a client reading the script would run one by one, so that a file changed while it
 * was read leaves none of them in the output. A file, not memory: a migration may be hundreds of megabytes.
 */
final class Spool implements AutoCloseable {
    private final Path file;
    private final Writer writer;

    Spool() {
        try {
            file = Files.createTempFile("migrate-script-", ".sql");
        } catch (IOException e) {
            throw new Failed(e);
        }
        file.toFile().deleteOnExit(); // also when the command is stopped (Ctrl-C, a cancelled job) mid-way
        try {
            writer = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new Failed(e);
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
                    throw new Failed(e);
                }
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
        });
    }

    /** Copies the part, whole, to the script. */
    void copyTo(ScriptText script) {
        char[] buffer = new char[1 << 16];
        try {
            writer.flush();
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                    script.append(CharBuffer.wrap(buffer, 0, n));
                }
            }
        } catch (IOException e) {
            throw new Failed(e);
        }
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

    /** The temporary file could not be written or read back: the script stops before the migration. */
    static final class Failed extends MigrateException {
        private static final long serialVersionUID = 1L;

        Failed(IOException cause) {
            super("migrate could not write its temporary copy of the migration's statements in "
                    + System.getProperty("java.io.tmpdir") + ": " + IoReasons.reason(cause) + ". It needs free space "
                    + "there of about twice the migration's size; free some, or give another folder "
                    + "(MIGRATE_JAVA_OPTS=-Djava.io.tmpdir=DIR with the installed launcher)", ExitCodes.FAILED, cause);
        }
    }
}
