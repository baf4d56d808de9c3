package dev.migrate.cli;

import dev.migrate.Migrator;
import dev.migrate.api.CurrentState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "current", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Show the revision(s) the database is at.",
        "Each is marked (head) where nothing follows it; an empty database shows 'base'. "
                + "Never creates the version table or the database file. -v adds messages."})
final class CurrentCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        boolean json = format.json();
        Migrator migrator = root.migrator();
        CurrentState state = migrator.current();
        if (json) {
            root.printer().result(Json.write(Json.current(state)));
            return 0;
        }
        if (state.isEmpty()) {
            // `upgrade head` refuses several heads, so the hint names the command that works for this folder.
            String upgrade = migrator.heads().size() > 1 ? "upgrade heads" : "upgrade head";
            root.printer().result("base (no revision applied; `migrate " + upgrade + "` applies them all)");
            return 0;
        }
        for (CurrentState.Row row : state.rows()) {
            if (!row.known()) {
                root.printer().result(row.revision() + " (unknown: not in " + root.config().location()
                        + "; see `migrate stamp --purge`)");
            } else {
                root.printer().result(row.revision() + (row.head() ? " (head)" : "")
                        + (root.verbose() && !row.message().isEmpty() ? ", " + row.message() : ""));
            }
        }
        return 0;
    }
}
