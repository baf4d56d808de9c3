package dev.migrate.importer;

import dev.migrate.api.DatabaseException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The revision a database is at, from what its old tool recorded: the applied migrations must be the first ones of
 * the source's order, since the version table records one position in that line, not a set. Anything else is refused
 * with what to do about it.
 */
public final class Position {
    private Position() {
    }

    /** The last applied migration's revision id, or null when nothing is applied (base). */
    public static String of(Conversion conversion, Recorded recorded, String toolName, String table, String source) {
        List<ImportedMigration> order = conversion.migrations();
        Set<String> keys = new HashSet<>();
        order.forEach(m -> keys.add(m.historyKey()));
        List<String> unknown = recorded.applied().stream().filter(key -> !keys.contains(key)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new DatabaseException(table + " records " + toolName + " " + plural(unknown, "migration") + " "
                    + String.join(", ", unknown) + " as applied, which " + source + " has no "
                    + (unknown.size() == 1 ? "file" : "files") + " for; nothing was stamped.\n"
                    + "  Import from the folder the database was migrated with (check out the commit that has "
                    + (unknown.size() == 1 ? "it" : "them") + "), then run the import again.");
        }
        int last = -1;
        for (int i = 0; i < order.size(); i++) {
            if (recorded.applied().contains(order.get(i).historyKey())) {
                last = i;
            }
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < last; i++) {
            if (!recorded.applied().contains(order.get(i).historyKey())) {
                missing.add(order.get(i).historyKey());
            }
        }
        if (!missing.isEmpty()) {
            throw new DatabaseException(table + " records " + toolName + " migration " + order.get(last).historyKey()
                    + " as applied but not " + String.join(", ", missing) + ", which " + (missing.size() == 1 ? "comes"
                    : "come") + " before it; nothing was stamped.\n"
                    + "  migrate records one position in a line of revisions, so this history has no revision to stamp. "
                    + "Apply the missing " + plural(missing, "migration") + " with " + toolName + " first (or undo the "
                    + "later ones), then run the import again.");
        }
        return last < 0 ? null : order.get(last).id();
    }

    private static String plural(List<String> items, String word) {
        return items.size() == 1 ? word : word + "s";
    }
}
