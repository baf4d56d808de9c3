package dev.migrate.source;

import dev.migrate.api.Problem;
import dev.migrate.api.UsageException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads a migrations folder: every {@code *.sql} file in it (not in subfolders), in file-name order. */
public final class MigrationFolder {
    private final Path dir;

    public MigrationFolder(Path dir) {
        this.dir = dir;
    }

    /** What a folder holds: the migrations that parsed and the problems of those that did not. */
    public record Contents(List<Migration> migrations, List<Problem> problems) {
    }

    public Path dir() {
        return dir;
    }

    public Contents load() {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("The migrations folder " + dir + " does not exist or is not a folder. "
                    + "Run migrate from your project folder, or point --dir at the folder of migration files.");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".sql"))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UsageException("The migrations folder " + dir + " cannot be read: " + e.getMessage(), e);
        }
        List<Migration> migrations = new ArrayList<>(files.size());
        List<Problem> problems = new ArrayList<>();
        // Sequential on purpose: at start-up a parallel stream's thread pool costs more than it saves (bench/).
        List<SqlMigrationParser.Result> results = files.stream()
                .map(file -> SqlMigrationParser.parse(file, file.toString()))
                .toList();
        for (SqlMigrationParser.Result result : results) {
            problems.addAll(result.problems());
            if (result.migration() != null) {
                migrations.add(result.migration());
            }
        }
        return new Contents(migrations, problems);
    }
}
