package dev.migrate.cli;

import dev.migrate.api.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "stamp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Set the version table to TARGET without running migrations.",
        "For a database whose schema is already at TARGET (created by hand, restored from a dump), or to repair "
                + "the version table. With --purge the table is emptied first, so it may name revisions this "
                + "folder does not have."})
final class StampCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    OfflineOptions offline;

    @Parameters(index = "0", paramLabel = "TARGET", description = "head, heads, base, a revision id or prefix.")
    String target;

    @Option(names = "--purge", description = "Empty the version table before stamping, whatever it holds.")
    boolean purge;

    @Override
    public Integer call() {
        if (offline.sql) {
            return OfflineOptions.print(root, root.migrator().stampScript(target, offline.dialect(root)));
        }
        root.announceDatabase();
        RunResult result = root.migrator().stamp(target, purge);
        root.printer().info("Stamped " + root.config().versionTable() + ": was " + Text.heads(result.headsBefore())
                + ", now " + Text.heads(result.headsAfter()) + ". No migration was run.");
        return 0;
    }
}
