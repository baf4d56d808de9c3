package dev.migrate.cli;

import dev.migrate.api.RevisionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "heads", description = "Show the revisions nothing follows. More than one means a merge revision is due.")
final class HeadsCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Override
    public Integer call() {
        for (RevisionInfo head : root.migrator().heads()) {
            root.printer().result(root.verbose() ? Text.block(head)
                    : head.id() + " (head)" + (head.message().isEmpty() ? "" : ", " + head.message()));
        }
        return 0;
    }
}
