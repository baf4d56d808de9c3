package dev.migrate.testing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A migration file of at least a given size, written as it is generated (the test JVM never holds it whole): revision
 * 001 with a 5-line header, then one {@code INSERT} of about 230 characters per line, each with a ';' and a doubled
 * quote inside its string, then a one-statement downgrade.
 */
public final class LargeMigrationFile {
    /** The padding in each statement's string. */
    public static final String PADDING = "x".repeat(200);

    private LargeMigrationFile() {
    }

    /** Writes the file; returns how many upgrade statements it has (statement n is on line n + 6, from 0). */
    public static long write(Path file, long minimumBytes) throws IOException {
        long statements = 0;
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            String header = "-- revision: 001\n-- down_revision: none\n-- message: big\n\n-- migrate:upgrade\n";
            out.write(header);
            written += header.length();
            while (written < minimumBytes) {
                String line = statement(statements) + "\n";
                out.write(line);
                written += line.length();
                statements++;
            }
            out.write("-- migrate:downgrade\nDELETE FROM t;\n");
        }
        return statements;
    }

    /** Statement {@code n} as the file has it. */
    public static String statement(long n) {
        return "INSERT INTO t VALUES (" + n + ", 'a;b''" + PADDING + "');";
    }
}
