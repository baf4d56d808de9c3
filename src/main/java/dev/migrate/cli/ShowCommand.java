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
        if (revision.trim().equals("current")) {
            // At base there is no revision to show, which is a state, not an error (as `current` says it).
            java.util.Optional<RevisionInfo> current = root.migrator().showCurrent();
            if (current.isEmpty()) {
                root.printer().result(json ? "null" : "base (no revision applied)");
                return 0;
            }
            root.printer().result(json ? Json.write(Json.revision(current.get()))
                    : Text.block(current.get()).stripTrailing());
            return 0;
        }
        RevisionInfo info = root.migrator().show(revision);
        root.printer().result(json ? Json.write(Json.revision(info)) : Text.block(info).stripTrailing());
        return 0;
    }
}
