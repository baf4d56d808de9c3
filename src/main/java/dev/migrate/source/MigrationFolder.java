package dev.migrate.source;

import dev.migrate.api.Problem;
import dev.migrate.api.UsageException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a migrations folder: every {@code *.sql} and {@code *.java} file in it (not in subfolders), in file-name
 * order. Java files are compiled (or taken from the cache) by the given compiler.
 */
public final class MigrationFolder implements MigrationSource {
    private final Path dir;
    private final JavaSourceCompiler compiler;

    public MigrationFolder(Path dir, JavaSourceCompiler compiler) {
        this.dir = dir;
        this.compiler = compiler;
    }

    @Override
    public String describe() {
        return dir.toString();
    }

    @Override
    public Contents load() {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("The migrations folder " + dir + " does not exist or is not a folder. "
                    + "Run migrate from your project folder, or point --dir at the folder of migration files.");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> isMigration(f.getFileName().toString()))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UsageException("The migrations folder " + dir + " cannot be read: " + e.getMessage(), e);
        }
        // Sequential on purpose: at start-up a parallel stream's thread pool costs more than it saves (bench/).
        List<Parsed> parsed = new ArrayList<>(files.size());
        for (Path file : files) {
            parsed.add(file.getFileName().toString().endsWith(".java") ? compiler.load(file)
                    : SqlMigrationParser.parse(file));
        }
        return Contents.of(parsed);
    }

    @Override
    public List<Problem> strayFiles() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(Files::isRegularFile)
                    .filter(f -> !isMigration(f.getFileName().toString()) && !isDocumentation(f.getFileName().toString()))
                    .sorted()
                    .map(f -> new Problem(f.toString(), 0, null, "is not a migration (only .sql and .java files are; "
                            + "move it out of the migrations folder)"))
                    .toList();
        } catch (IOException e) {
            return List.of(new Problem(dir.toString(), 0, null, "cannot be listed: " + e.getMessage()));
        }
    }

    /** Hidden files, READMEs and notes may live beside migrations. */
    private static boolean isDocumentation(String name) {
        return name.startsWith(".") || name.toUpperCase().startsWith("README") || name.endsWith(".md")
                || name.endsWith(".txt");
    }

    private static boolean isMigration(String name) {
        return !name.startsWith(".") && (name.endsWith(".sql") || name.endsWith(".java"));
    }
}
