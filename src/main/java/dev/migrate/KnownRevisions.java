package dev.migrate;

import dev.migrate.api.DatabaseException;
import dev.migrate.config.MigrateConfig;
import dev.migrate.graph.RevisionGraph;

import java.util.List;

/** Every command that plans from the version table first makes sure the folder knows each of its rows. */
final class KnownRevisions {
    private KnownRevisions() {
    }

    static void require(RevisionGraph graph, List<String> rows, MigrateConfig config) {
        List<String> unknown = rows.stream().filter(id -> !graph.contains(id)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        throw new DatabaseException("The version table " + config.qualifiedVersionTable() + " names "
                + (unknown.size() == 1 ? "revision " : "revisions ") + String.join(", ", unknown)
                + ", which " + (unknown.size() == 1 ? "is" : "are") + " not in " + config.location() + ".\n"
                + "  Either these migrations lack files the database was migrated with (check out the branch that "
                + "has them, or fix --dir), or the revision was renamed or deleted.\n"
                + "  To repair without running migrations: `migrate stamp --purge REVISION`, naming the revision of "
                + "this folder whose schema the database really has (see `migrate history`).");
    }
}
