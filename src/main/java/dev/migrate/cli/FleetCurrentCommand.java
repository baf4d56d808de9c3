package dev.migrate.cli;

import dev.migrate.fleet.TargetWork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "current", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show the revision each selected target is at. Reads only: creates nothing, takes no lock.")
final class FleetCurrentCommand implements Callable<Integer> {
    @ParentCommand
    FleetCommand fleet;

    @Mixin
    FleetOptions options;

    @Override
    public Integer call() {
        return new FleetRun(fleet.root, options).run("current", FleetSummary.Kind.CURRENT, TargetWork::inspect);
    }
}
