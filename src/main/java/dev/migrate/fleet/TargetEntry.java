package dev.migrate.fleet;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code [targets.NAME]} table of a targets file: a database, or the schemas of one database (listed, or returned
 * by a query when the fleet runs). Unset values ({@code null}) fall back to the command's own settings.
 *
 * @param name         the table's name; the target's name, or the prefix of its schemas' names ({@code NAME/SCHEMA})
 * @param url          the database; null: the command's {@code --url}
 * @param groups       names for {@code --group}
 * @param schema       the one schema of a database target (holds its version table)
 * @param schemas      a target per schema, named {@code NAME/SCHEMA}
 * @param schemasQuery a query whose first column lists the schemas, run when the fleet starts
 * @param versionTable the version table; null: the command's
 * @param user         the user; null: the URL's, then the command's
 * @param passwordFile the password's file; null: the URL's password, then the command's
 * @param where        {@code file:line} of the table, for messages
 */
public record TargetEntry(String name, String url, List<String> groups, String schema, List<String> schemas,
                          String schemasQuery, String versionTable, String user, Path passwordFile, String where) {
    public TargetEntry {
        groups = List.copyOf(groups);
        schemas = schemas == null ? null : List.copyOf(schemas);
    }

    /** Whether this entry stands for several targets, one per schema. */
    public boolean perSchema() {
        return schemas != null || schemasQuery != null;
    }
}
