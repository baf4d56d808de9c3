package dev.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code migrate fleet COMMAND}: one command on many databases or schemas, named in a targets file. A command of its
 * own, so that a plain {@code migrate upgrade} never reaches beyond its one database.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
                "Run a command on many databases or schemas: the targets of a targets file.",
                "Targets are [targets.NAME] tables in migrate.toml or in --targets FILE. The folder is loaded and "
                        + "validated once; each target takes its own lock and plans from its own version table; "
                        + "at most --parallel targets (and connections) at once."},
        subcommands = {FleetUpgradeCommand.class, FleetDowngradeCommand.class, FleetStampCommand.class,
                FleetCurrentCommand.class, FleetStatusCommand.class, FleetCheckCommand.class})
final class FleetCommand implements Runnable {
    @ParentCommand
    MigrateCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
