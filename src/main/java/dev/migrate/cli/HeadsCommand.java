package dev.migrate.cli;

import dev.migrate.api.RevisionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "heads", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show the revisions nothing follows. More than one means a merge revision is due.")
final class HeadsCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        boolean json = format.json();
        List<RevisionInfo> heads = root.migrator().heads();
        if (json) {
            root.printer().result(Json.write(Json.revisions(heads)));
            return 0;
        }
        for (RevisionInfo head : heads) {
            root.printer().result(root.verbose() ? Text.block(head)
                    : head.id() + " (head)" + (head.message().isEmpty() ? "" : ", " + head.message()));
        }
        return 0;
    }
}
