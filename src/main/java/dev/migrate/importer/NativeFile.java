package dev.migrate.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The text of the native file for one imported migration: header, remarks, and the two sections. */
final class NativeFile {
    private NativeFile() {
    }

    static String render(ImportedMigration migration, String toolName, Path source) {
        StringBuilder text = new StringBuilder();
        text.append("-- revision: ").append(migration.id()).append('\n');
        text.append("-- down_revision: ").append(migration.downRevision() == null ? "none" : migration.downRevision())
                .append('\n');
        text.append("-- message: ").append(migration.message().replaceAll("\\s+", " ").trim()).append('\n');
        if (!migration.dependsOn().isEmpty()) {
            text.append("-- depends_on: ").append(String.join(", ", migration.dependsOn())).append('\n');
        }
        if (!migration.transactional()) {
            text.append("-- transaction: false\n");
        }
        if (migration.placeholders()) {
            text.append("-- placeholders: true\n");
        }
        List<String> remarks = new ArrayList<>();
        remarks.add("Imported from " + toolName + " " + String.join(", ",
                migration.from().stream().map(file -> source.relativize(file).toString().replace('\\', '/')).toList())
                + " by migrate import.");
        remarks.addAll(migration.remarks());
        for (String remark : remarks) {
            text.append("-- ").append(freeComment(remark)).append('\n');
        }
        text.append("\n-- migrate:upgrade\n").append(body(migration.upgrade()));
        if (migration.downgrade() != null) {
            text.append("\n-- migrate:downgrade\n").append(body(migration.downgrade()));
        }
        return text.toString();
    }

    private static String body(String sql) {
        String trimmed = SqlText.section(SqlText.lines(sql));
        return trimmed;
    }

    /**
     * A header comment that reads {@code word: value} would be taken for a header key; such a remark gets its colon
     * replaced, so it stays a free comment.
     */
    static String freeComment(String remark) {
        String oneLine = remark.replaceAll("\\s+", " ").trim();
        int colon = oneLine.indexOf(':');
        if (colon > 0 && oneLine.substring(0, colon).trim().matches("[A-Za-z_][A-Za-z0-9_-]*")) {
            return oneLine.substring(0, colon) + " -" + oneLine.substring(colon + 1);
        }
        return oneLine;
    }
}
