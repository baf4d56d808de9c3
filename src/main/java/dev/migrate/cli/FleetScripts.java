package dev.migrate.cli;

import dev.migrate.Migrator;
import dev.migrate.PreparedMigrations;
import dev.migrate.api.ScriptResult;
import dev.migrate.db.Dialect;
import dev.migrate.fleet.FleetTarget;

import java.util.List;

/**
 * {@code --sql} on a fleet: each target's script, rendered without connecting, one after another, each under a
 * comment naming its target (the scripts differ by schema and version table). Each streams to stdout as it is
 * rendered, as a single database's does.
 */
final class FleetScripts {
    private FleetScripts() {
    }

    static int print(MigrateCommand root, List<FleetTarget> targets, OfflineOptions offline,
                     Render render) {
        PreparedMigrations prepared = root.migrator().prepare();
        int exitCode = 0;
        for (FleetTarget target : targets) {
            Migrator migrator = Migrator.forTarget(target.config(), root.printer(), prepared);
            Dialect dialect = offline.dialect != null ? offline.dialect.dialect()
                    : Dialect.of(target.config().connection());
            root.printer().result("-- target: " + target.name() + " (" + target.where() + ")");
            exitCode = Math.max(exitCode, OfflineOptions.print(root, out -> render.script(migrator, dialect, out)));
            root.printer().result("");
        }
        return exitCode;
    }

    /** One target's script, written to {@code out} as it is rendered. */
    @FunctionalInterface
    interface Render {
        ScriptResult script(Migrator migrator, Dialect dialect, Appendable out);
    }
}
