package dev.migrate;

import dev.migrate.api.DatabaseException;
import dev.migrate.api.MigrateException;
import dev.migrate.config.ConnectionSettings;
import dev.migrate.config.MigrateConfig;
import dev.migrate.graph.RevisionGraph;
import dev.migrate.schema.DriftReport;
import dev.migrate.schema.SchemaDiff;
import dev.migrate.schema.SchemaModel;

import java.util.List;

/**
 * {@code migrate drift}: the schema the database's recorded revisions should produce, built on a scratch database,
 * against the schema the database has.
 */
final class Drift {
    private Drift() {
    }

    /** @param rows the version table's rows, each one the folder has (the caller made sure) */
    static DriftReport check(MigrateConfig config, RevisionGraph graph, List<String> rows, String where,
                             ConnectionSettings dev) {
        SchemaModel live = Schemas.read(config);
        SchemaModel expected;
        try (ScratchDatabase scratch = ScratchDatabase.create(config, config.connection(), dev)) {
            Migrator migrator = scratch.migrator();
            try {
                if (!rows.isEmpty()) {
                    migrator.upgradeTo(rows);
                }
            } catch (MigrateException e) {
                throw new DatabaseException("Cannot build the expected schema on a scratch database: "
                        + e.getMessage(), e);
            }
            expected = migrator.schema();
        }
        return new DriftReport(where, rows, SchemaDiff.between(expected, live));
    }
}
