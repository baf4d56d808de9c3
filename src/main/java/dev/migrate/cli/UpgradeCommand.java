package dev.migrate.cli;

import dev.migrate.api.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "upgrade", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Apply migrations up to TARGET (default: head).",
        "Applies what TARGET needs that the database does not have yet, each migration in its own transaction "
                + "with its version-table change. TARGET: head (refuses when there are several heads), heads, "
                + "a revision id or unique prefix, label@head, +N from the current revision, or <id>+N. "
                + "With --sql, prints the script instead (TARGET may be START:END; START defaults to base)."})
final class UpgradeCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    OfflineOptions offline;

    @Parameters(index = "0", arity = "0..1", defaultValue = "head", paramLabel = "TARGET",
            description = "Where to go. Default: head.")
    String target;

    @Override
    public Integer call() {
        if (offline.sql) {
            return OfflineOptions.print(root, out -> root.migrator().upgradeScript(target, offline.dialect(root), out));
        }
        root.announceDatabase();
        RunResult result = root.migrator().upgrade(target);
        if (result.steps().isEmpty()) {
            root.printer().info("Nothing to do: the database is at " + Text.heads(result.headsAfter())
                    + ", which already includes " + target + ".");
        }
        return 0;
    }
}
