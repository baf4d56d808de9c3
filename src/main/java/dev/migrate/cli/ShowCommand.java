package dev.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "show", description = "Show one revision: parents, labels, file, transaction and downgrade, message.")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Parameters(index = "0", paramLabel = "REV", description = "A revision id or unique prefix, head, or <id>+N.")
    String revision;

    @Override
    public Integer call() {
        root.printer().result(Text.block(root.migrator().show(revision)).stripTrailing());
        return 0;
    }
}
