package dev.migrate.cli;

import dev.migrate.fleet.TargetWork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "upgrade", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Upgrade every selected target to TARGET (default: head).",
                "Each target plans from its own version table; a summary table follows. With --sql, prints each "
                        + "target's script instead, from where that target is (or from START with START:TARGET)."})
final class FleetUpgradeCommand implements Callable<Integer> {
    @ParentCommand
    FleetCommand fleet;

    @Mixin
    FleetOptions options;

    @Mixin
    OfflineOptions offline;

    @Parameters(index = "0", arity = "0..1", defaultValue = "head", paramLabel = "TARGET",
            description = "Where to go. Default: head.")
    String target;

    @Override
    public Integer call() {
        FleetRun run = new FleetRun(fleet.root, options);
        if (offline.sql) {
            // Each target's script starts where that target is, unless a START was given: a fleet's databases
            // rarely all sit at base.
            String range = target.contains(":") ? target : "current:" + target;
            return FleetScripts.print(fleet.root, run.targets(), offline,
                    (migrator, dialect, out) -> migrator.upgradeScript(range, dialect, out));
        }
        return run.run("upgrade " + target, FleetSummary.Kind.RUN, prepared -> TargetWork.upgrade(prepared, target));
    }
}
