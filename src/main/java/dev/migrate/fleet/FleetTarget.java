package dev.migrate.fleet;

import dev.migrate.config.MigrateConfig;
import dev.migrate.db.Dialect;

import java.util.List;

/**
 * One database (or one schema of a database) of a fleet, with the settings a single-database command would use for
 * it: URL, credentials, schema and version table.
 *
 * @param name   {@code NAME} from the targets file, or {@code NAME/SCHEMA} for a schema of a per-schema entry
 * @param groups the entry's groups
 * @param config the settings of one command on this target
 */
public record FleetTarget(String name, List<String> groups, MigrateConfig config) {
    public FleetTarget {
        groups = List.copyOf(groups);
    }

    /** Where the target is, for output: host, database and schema, never a password. */
    public String where() {
        String location = Dialect.of(config.connection()).location(config.connection());
        return config.schema() == null ? location : location + ", schema " + config.schema();
    }
}
