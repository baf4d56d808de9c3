package dev.migrate.cli;

import dev.migrate.Migrator;
import dev.migrate.PreparedMigrations;
import dev.migrate.api.OfflineScript;
import dev.migrate.db.Dialect;
import dev.migrate.fleet.FleetTarget;

import java.util.List;
import java.util.function.BiFunction;

/**
 * {@code --sql} on a fleet: each target's script, rendered without connecting, one after another, each under a
 * comment naming its target (the scripts differ by schema and version table).
 */
final class FleetScripts {
    private FleetScripts() {
    }

    static int print(MigrateCommand root, List<FleetTarget> targets, OfflineOptions offline,
                     BiFunction<Migrator, Dialect, OfflineScript> render) {
        PreparedMigrations prepared = root.migrator().prepare();
        int exitCode = 0;
        for (FleetTarget target : targets) {
            Migrator migrator = Migrator.forTarget(target.config(), root.printer(), prepared);
            Dialect dialect = offline.dialect != null ? offline.dialect.dialect()
                    : Dialect.of(target.config().connection());
            root.printer().result("-- target: " + target.name() + " (" + target.where() + ")");
            exitCode = Math.max(exitCode, OfflineOptions.print(root, render.apply(migrator, dialect)));
            root.printer().result("");
        }
        return exitCode;
    }
}
