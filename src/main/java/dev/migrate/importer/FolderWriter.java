package dev.migrate.importer;

import dev.migrate.api.ImportReport;
import dev.migrate.api.UsageException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes imported migrations into the migrations folder so that running the import again changes nothing: a file
 * that is already there with the same text is left alone, and one that differs (edited after an earlier import) is
 * kept as it is. A revision is found by its header, whatever its file is called now.
 */
public final class FolderWriter {
    private final Path dir;
    private final String fileTemplate;

    /** @param fileTemplate the {@code file_template} setting, e.g. {@code <id>_<slug>.sql} */
    public FolderWriter(Path dir, String fileTemplate) {
        this.dir = dir;
        this.fileTemplate = fileTemplate;
    }

    public List<ImportReport.File> write(Conversion conversion, String toolName, Path source) {
        Map<String, Path> existing = existingRevisions();
        List<ImportReport.File> files = new ArrayList<>();
        for (ImportedMigration migration : conversion.converted()) {
            String text = NativeFile.render(migration, toolName, source);
            Path file = existing.get(migration.id());
            ImportReport.Outcome outcome;
            if (file == null) {
                file = dir.resolve(fileTemplate.replace("<id>", migration.id())
                        .replace("<slug>", Slug.of(migration.message(), 40)));
                write(file, text);
                outcome = ImportReport.Outcome.WRITTEN;
            } else {
                outcome = read(file).equals(text) ? ImportReport.Outcome.UNCHANGED : ImportReport.Outcome.KEPT;
            }
            files.add(new ImportReport.File(migration.id(), file, migration.from(), outcome));
        }
        return files;
    }

    private static final java.util.regex.Pattern JAVA_ID =
            java.util.regex.Pattern.compile("@Revision\\s*\\(\\s*id\\s*=\\s*\"([A-Za-z0-9_]+)\"");

    /** The revision ids already in the folder: SQL files by their header, Java migrations by their annotation. */
    public java.util.Set<String> existingIds() {
        java.util.Set<String> ids = new java.util.HashSet<>(existingRevisions().keySet());
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path file : walk.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f)).toList()) {
                    java.util.regex.Matcher m = JAVA_ID.matcher(read(file));
                    if (m.find()) {
                        ids.add(m.group(1));
                    }
                }
            } catch (IOException e) {
                throw new UsageException("Cannot list " + dir + ": " + e.getMessage(), e);
            }
        }
        return ids;
    }

    /** The revision id of each SQL file already in the folder, read from its header. */
    private Map<String, Path> existingRevisions() {
        Map<String, Path> ids = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".sql") && Files.isRegularFile(f)).sorted().toList()) {
                for (String line : SqlText.lines(read(file))) {
                    String trimmed = line.trim();
                    if (trimmed.startsWith("-- migrate:upgrade")) {
                        break;
                    }
                    if (trimmed.matches("--\\s*revision\\s*:.*")) {
                        ids.putIfAbsent(trimmed.substring(trimmed.indexOf(':') + 1).trim(), file);
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new UsageException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
        return ids;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Through a temporary file, so an interrupted import never leaves half a migration behind. */
    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".import-", ".tmp");
            try {
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UsageException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
