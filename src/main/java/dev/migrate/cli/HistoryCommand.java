package dev.migrate.cli;

import dev.migrate.api.RevisionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "List revisions from newest to oldest.",
        "Marks (head), (branchpoint), (mergepoint) and (current), the revision(s) the database is at. "
                + "-v prints every detail of each revision: file, labels, depends_on, downgrade."})
final class HistoryCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    FormatOption format;

    @Option(names = {"-r", "--rev-range"}, paramLabel = "START:END",
            description = "Only revisions between START and END (inclusive); either may be empty, e.g. 3f2a: or :current.")
    String range;

    @Override
    public Integer call() {
        boolean json = format.json();
        List<RevisionInfo> revisions = root.migrator().history(range);
        if (json) {
            root.printer().result(Json.write(Json.revisions(revisions)));
            return 0;
        }
        root.printer().results(revisions.stream()
                .map(revision -> root.verbose() ? Text.block(revision) : Text.historyLine(revision)).toList());
        return 0;
    }
}
