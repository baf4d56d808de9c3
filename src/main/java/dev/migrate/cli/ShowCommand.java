package dev.migrate.cli;

import dev.migrate.api.RevisionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show one revision: parents, labels, depends_on, file, transaction, downgrade, message.")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    FormatOption format;

    @Parameters(index = "0", paramLabel = "REV", description = "A revision id or unique prefix, head, label@head, <id>+N, or current (the "
            + "database's revision).")
    String revision;

    @Override
    public Integer call() {
        boolean json = format.json();
        // At base there is no current revision to show, which is a state, not an error (as `current` says it).
        RevisionInfo info = revision.trim().equals("current") ? root.migrator().showCurrent().orElse(null)
                : root.migrator().show(revision);
        if (info == null) {
            root.printer().result(json ? "null" : "base (no revision applied)");
            return 0;
        }
        root.printer().result(json ? Json.write(Json.revision(info)) : Text.block(info).stripTrailing());
        return 0;
    }
}
