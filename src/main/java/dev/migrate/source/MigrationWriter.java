package dev.migrate.source;

import dev.migrate.api.UsageException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** Writes new migration files for {@code revision} and {@code merge}: headers filled in, sections ready to edit. */
public final class MigrationWriter {
    private final Path dir;
    private final String fileTemplate;
    private final Clock clock;

    /** @param clock gives the {@code -- created:} time of new SQL files */
    public MigrationWriter(Path dir, String fileTemplate, Clock clock) {
        this.dir = dir;
        this.fileTemplate = fileTemplate;
        this.clock = clock;
    }

    /** What the new file declares. */
    public record NewRevision(String id, List<String> downRevisions, String message, List<String> branchLabels,
                              List<String> dependsOn) {
    }

    public Path writeSql(NewRevision revision) {
        return writeSql(revision, "\n", "");
    }

    /** A SQL revision whose sections hold {@code upgrade} and {@code downgrade} (each ending in a newline). */
    public Path writeSql(NewRevision revision, String upgrade, String downgrade) {
        String name = fileTemplate.replace("<id>", revision.id()).replace("<slug>", slug(revision.message()));
        StringBuilder text = new StringBuilder();
        text.append("-- revision: ").append(revision.id()).append('\n');
        text.append("-- down_revision: ").append(revision.downRevisions().isEmpty() ? "none"
                : String.join(", ", revision.downRevisions())).append('\n');
        text.append("-- message: ").append(revision.message()).append('\n');
        // In the file, not taken from the file system: a checkout or a copy resets file times.
        text.append("-- created: ").append(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS)).append('\n');
        if (!revision.branchLabels().isEmpty()) {
            text.append("-- branch_labels: ").append(String.join(", ", revision.branchLabels())).append('\n');
        }
        if (!revision.dependsOn().isEmpty()) {
            text.append("-- depends_on: ").append(String.join(", ", revision.dependsOn())).append('\n');
        }
        if (revision.downRevisions().size() > 1 && upgrade.isBlank() && downgrade.isBlank()) {
            // A merge joins branches and does nothing else, on purpose: the marker says so to check and to readers.
            upgrade = "-- migrate:nothing\n";
            downgrade = "-- migrate:nothing";
        }
        // A new revision's empty sections stay unmarked: check refuses the upgrade until it is written, and
        // check --require-downgrade the downgrade. A "-- migrate:verify" section may follow the upgrade.
        text.append("\n-- migrate:upgrade\n").append(upgrade).append("\n-- migrate:downgrade\n").append(downgrade)
                .append('\n');
        return write(name, text.toString());
    }

    public Path writeJava(NewRevision revision) {
        String className = "V" + revision.id() + "_" + camel(revision.message());
        StringBuilder text = new StringBuilder();
        text.append("import dev.migrate.api.JavaMigration;\n")
                .append("import dev.migrate.api.MigrationContext;\n")
                .append("import dev.migrate.api.Revision;\n\n")
                .append("@Revision(id = \"").append(revision.id()).append("\", downRevision = ")
                .append(quoted(revision.downRevisions().isEmpty() ? List.of("none") : revision.downRevisions()))
                .append(",\n        message = \"").append(revision.message().replace("\\", "\\\\").replace("\"", "\\\""))
                .append('"');
        if (!revision.branchLabels().isEmpty()) {
            text.append(", branchLabels = ").append(quoted(revision.branchLabels()));
        }
        if (!revision.dependsOn().isEmpty()) {
            text.append(", dependsOn = ").append(quoted(revision.dependsOn()));
        }
        text.append(")\npublic class ").append(className).append(" implements JavaMigration {\n\n")
                .append("    @Override\n    public void upgrade(MigrationContext context) throws Exception {\n")
                .append("        // context.connection() runs inside this migration's transaction.\n    }\n\n")
                .append("    @Override\n    public void downgrade(MigrationContext context) throws Exception {\n")
                .append("    }\n}\n");
        return write(className + ".java", text.toString());
    }

    private Path write(String name, String text) {
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new UsageException(file + " already exists; nothing was written.");
        } catch (IOException e) {
            throw new UsageException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static String quoted(List<String> values) {
        List<String> quoted = values.stream().map(v -> "\"" + v + "\"").toList();
        return quoted.size() == 1 ? quoted.get(0) : "{" + String.join(", ", quoted) + "}";
    }

    /** {@code add quiz roster!} becomes {@code add_quiz_roster}. */
    static String slug(String message) {
        String slug = message.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("_+$", "");
        }
        return slug.isEmpty() ? "revision" : slug;
    }

    /** {@code add quiz roster} becomes {@code AddQuizRoster}. */
    static String camel(String message) {
        StringBuilder name = new StringBuilder();
        for (String word : slug(message).split("_")) {
            if (!word.isEmpty()) {
                name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return name.toString();
    }
}
