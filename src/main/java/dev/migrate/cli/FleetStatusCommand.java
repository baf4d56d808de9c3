package dev.migrate.cli;

import dev.migrate.fleet.TargetWork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show each selected target's revision and how many migrations it lacks. Reads only: creates nothing, takes no lock.")
final class FleetStatusCommand implements Callable<Integer> {
    @ParentCommand
    FleetCommand fleet;

    @Mixin
    FleetOptions options;

    @Override
    public Integer call() {
        return new FleetRun(fleet.root, options).run("status", FleetSummary.Kind.STATUS, TargetWork::inspectVerifyingFiles);
    }
}
