package dev.migrate.cli;

import dev.migrate.fleet.TargetWork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Check that every selected target is at head: exit 3 if one is not. Reads only: creates nothing, takes no lock.")
final class FleetCheckCommand implements Callable<Integer> {
    @ParentCommand
    FleetCommand fleet;

    @Mixin
    FleetOptions options;

    @Override
    public Integer call() {
        return new FleetRun(fleet.root, options).run("check", FleetSummary.Kind.CHECK, TargetWork::inspectVerifyingFiles);
    }
}
