package dev.migrate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes migration files into a folder the way an author would. */
public final class MigrationFiles {
    private final Path dir;

    public MigrationFiles(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** A revision with both sections; {@code down} is "none" or ids separated by ", ". */
    public Path write(String id, String down, String upgrade, String downgrade) {
        return writeRaw(id, "-- revision: " + id + "\n-- down_revision: " + down + "\n-- message: revision " + id
                + "\n\n-- migrate:upgrade\n" + upgrade + "\n"
                + (downgrade == null ? "" : "\n-- migrate:downgrade\n" + downgrade + "\n"));
    }

    /** A revision that creates table {@code t_<id>} and drops it again. */
    public Path table(String id, String down) {
        return write(id, down, "CREATE TABLE t_" + id + " (id INTEGER PRIMARY KEY);", "DROP TABLE t_" + id + ";");
    }

    public Path writeRaw(String id, String text) {
        Path file = dir.resolve(id + "_revision.sql");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
