package dev.migrate.importer;

import dev.migrate.api.UsageException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The files of a source folder, in path order; hidden files and folders (a leading '.') are left out. */
final class SourceFiles {
    private SourceFiles() {
    }

    static List<Path> list(Path dir, boolean recursive) {
        requireFolder(dir);
        try (Stream<Path> entries = recursive ? Files.walk(dir) : Files.list(dir)) {
            return entries.filter(path -> !path.equals(dir))
                    .filter(path -> !hidden(dir.relativize(path)))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UsageException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    static List<Path> folders(Path dir) {
        requireFolder(dir);
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).filter(path -> !hidden(dir.relativize(path))).sorted().toList();
        } catch (IOException e) {
            throw new UsageException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    static void requireFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UsageException((Files.exists(dir) ? dir + " is not a folder" : dir + " does not exist")
                    + "; give the folder that holds the migrations to import.");
        }
    }

    /** Notes beside migrations (a README, .md and .txt files) are not migrations and need no mention. */
    static boolean isNote(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.startsWith("readme") || name.endsWith(".md") || name.endsWith(".txt");
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
