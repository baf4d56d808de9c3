package dev.migrate.schema;

import java.util.List;

/**
 * What {@code migrate drift} found.
 *
 * @param database  the live database, for messages
 * @param revisions the revisions its version table records, which the expected schema was built from
 * @param diff      from the schema those revisions produce to the live schema: {@code -} is missing from the
 *                  database, {@code +} is in the database but not in the migrations
 */
public record DriftReport(String database, List<String> revisions, SchemaDiff diff) {
    public DriftReport {
        revisions = List.copyOf(revisions);
    }

    public boolean drifted() {
        return !diff.isEmpty();
    }
}
