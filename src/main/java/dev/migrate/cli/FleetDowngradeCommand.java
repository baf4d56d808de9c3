package dev.migrate.cli;

import dev.migrate.fleet.TargetWork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "downgrade", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Downgrade every selected target to TARGET.",
                "TARGET: a revision, base, or -N from each target's own revision. With --sql, prints each target's "
                        + "script (TARGET is then FROM:TO)."})
final class FleetDowngradeCommand implements Callable<Integer> {
    @ParentCommand
    FleetCommand fleet;

    @Mixin
    FleetOptions options;

    @Mixin
    OfflineOptions offline;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Where to go: a revision, base, or -N.")
    String target;

    @Override
    public Integer call() {
        FleetRun run = new FleetRun(fleet.root, options);
        if (offline.sql) {
            return FleetScripts.print(fleet.root, run.targets(), offline,
                    (migrator, dialect, out) -> migrator.downgradeScript(target, dialect, out));
        }
        return run.run("downgrade " + target, FleetSummary.Kind.RUN,
                prepared -> TargetWork.downgrade(prepared, target));
    }
}
