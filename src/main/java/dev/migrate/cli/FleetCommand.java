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
final class FleetCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** {@code migrate fleet} with no command: the usage on stderr, exit 2, as {@code migrate} alone. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return dev.migrate.api.ExitCodes.USAGE;
    }
}
