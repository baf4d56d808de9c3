package dev.migrate.importer;

import dev.migrate.api.ImportReport.NotConverted;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A source folder read by one converter: its migrations in the tool's order, each following the one before it (every
 * supported tool applies its migrations in one line), what could not be converted and why, and notes for the user.
 */
public final class Conversion {
    private final List<ImportedMigration> migrations = new ArrayList<>();
    private final List<NotConverted> notConverted = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Path> ids = new HashMap<>();

    /** Appends the next migration in the tool's order; it follows the previous one. */
    void add(ImportedMigration migration) {
        Path clash = ids.putIfAbsent(migration.id(), migration.from().get(0));
        if (clash != null) {
            notConverted(migration.from().get(0), "its revision id " + migration.id() + " is also the id of "
                    + clash.getFileName() + " (ids are made of letters, digits and '_'); rename one of them");
            return;
        }
        String parent = migrations.isEmpty() ? null : migrations.get(migrations.size() - 1).id();
        migrations.add(migration.following(parent));
    }

    /**
     * A source file with no native equivalent. When it has a place in the order, pass its would-be id through
     * {@link #gap}: the next migration then still names it as its parent, so the graph stays broken (and says so)
     * until someone writes that revision by hand, rather than silently skipping it.
     */
    void notConverted(Path file, String reason) {
        notConverted.add(new NotConverted(file, reason));
    }

    /** A migration in the order that could not be converted: listed, and kept as the next one's parent. */
    void gap(Path file, String id, String historyKey, String reason) {
        notConverted(file, reason + "; write revision " + id + " by hand (same id"
                + (migrations.isEmpty() ? "" : ", down_revision " + migrations.get(migrations.size() - 1).id())
                + "), for example as a Java migration, then run the import again");
        migrations.add(new ImportedMigration(id, migrations.isEmpty() ? null : migrations.get(migrations.size() - 1).id(),
                List.of(), "", true, false, null, null, List.of(), List.of(file), historyKey));
    }

    /**
     * Gaps that someone has since filled by writing the revision by hand ({@code written}: the ids already in the
     * migrations folder) are no longer missing: their entries leave the not-converted list, with a note instead.
     */
    public void filledBy(java.util.Set<String> written) {
        for (ImportedMigration migration : migrations) {
            if (migration.upgrade() == null && written.contains(migration.id())) {
                Path file = migration.from().get(0);
                if (notConverted.removeIf(item -> item.file().equals(file))) {
                    note(file.getFileName() + " was not converted; revision " + migration.id()
                            + " is in the migrations folder already (written by hand), so it takes its place.");
                }
            }
        }
    }

    void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    /** The migrations in order, gaps included: a gap has a null upgrade and no file is written for it. */
    public List<ImportedMigration> migrations() {
        return List.copyOf(migrations);
    }

    /** The migrations that become files. */
    public List<ImportedMigration> converted() {
        return migrations.stream().filter(m -> m.upgrade() != null).toList();
    }

    public List<NotConverted> notConverted() {
        return List.copyOf(notConverted);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }
}
