package dev.migrate.cli;

import dev.migrate.api.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "downgrade", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Undo migrations down to TARGET.",
        "Newest first, each in its own transaction. Refuses before running anything if a revision on the way "
                + "has no downgrade section. TARGET: base (undo everything), a revision id or unique prefix, "
                + "-N from the current revision, or <id>-N. With --sql, TARGET is FROM:TO and the script is printed."})
final class DowngradeCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    OfflineOptions offline;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Where to go, for example -1 or base.")
    String target;

    @Override
    public Integer call() {
        if (offline.sql) {
            return OfflineOptions.print(root,
                    out -> root.migrator().downgradeScript(target, offline.dialect(root), out));
        }
        root.announceDatabase();
        RunResult result = root.migrator().downgrade(target);
        if (result.steps().isEmpty()) {
            root.printer().info("Nothing to do: the database is already at " + Text.heads(result.headsAfter()) + ".");
        }
        return 0;
    }
}
