package dev.migrate.importer;

import java.nio.file.Path;
import java.util.List;

/**
 * One migration of another tool as a native revision: its header, its two sections, remarks for the file's header
 * (where it came from, what changed in meaning), and the key under which the tool's history table records it.
 *
 * @param downRevision null for the first revision
 * @param downgrade    null when the tool has no down script for it (irreversible); "" for an empty one (a no-op)
 * @param historyKey   the tool's own name for it in its history table: a version, or a Sqitch change
 */
public record ImportedMigration(String id, String downRevision, List<String> dependsOn, String message,
                                boolean transactional, boolean placeholders, String upgrade, String downgrade,
                                List<String> remarks, List<Path> from, String historyKey) {
    public ImportedMigration {
        dependsOn = List.copyOf(dependsOn);
        remarks = List.copyOf(remarks);
        from = List.copyOf(from);
    }

    ImportedMigration following(String parent) {
        return new ImportedMigration(id, parent, dependsOn.stream().filter(d -> !d.equals(parent)).toList(), message,
                transactional, placeholders, upgrade, downgrade, remarks, from, historyKey);
    }
}
