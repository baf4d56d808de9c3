package dev.migrate.cli;

import dev.migrate.fleet.TargetWork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "stamp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Set every selected target's version table to TARGET without running migrations.")
final class FleetStampCommand implements Callable<Integer> {
    @ParentCommand
    FleetCommand fleet;

    @Mixin
    FleetOptions options;

    @Mixin
    OfflineOptions offline;

    @Parameters(index = "0", paramLabel = "TARGET", description = "head, heads, base, a revision id or prefix.")
    String target;

    @Option(names = "--purge", description = "Empty each version table before stamping, whatever it holds.")
    boolean purge;

    @Option(names = "--dry-run", description = "Show each target's rows before and after; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        FleetRun run = new FleetRun(fleet.root, options);
        if (offline.sql) {
            return FleetScripts.print(fleet.root, run.targets(), offline,
                    (migrator, dialect, out) -> migrator.stampScript(target, dialect, out));
        }
        return run.run("stamp " + target, FleetSummary.Kind.RUN,
                prepared -> TargetWork.stamp(prepared, target, purge, dryRun));
    }
}
