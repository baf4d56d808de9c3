package dev.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "accept", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Record that changed files of applied migrations hold what the database has.",
        "For an edit made on purpose after a migration ran (a comment, a reformatted statement, SQL fixed by hand on "
                + "the database too): the log records the file's new checksum, so check and writing commands accept "
                + "it. Runs no migration. Like stamp, it is a repair: look at `migrate status` first."})
final class AcceptCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Parameters(arity = "0..*", paramLabel = "REVISION", description = "Applied revisions whose files changed.")
    List<String> revisions;

    @Option(names = "--all", description = "Every applied revision whose file changed.")
    boolean all;

    @Override
    public Integer call() {
        root.announceDatabase();
        List<String> named = revisions == null ? List.of() : revisions;
        List<String> accepted = root.migrator().accept(named, all);
        // Named revisions whose files still match were skipped: say so of them, not of every file.
        List<String> unchanged = named.stream().filter(id -> accepted.stream().noneMatch(a -> a.startsWith(id)))
                .toList();
        String still = unchanged.isEmpty() ? "" : (unchanged.size() == 1 ? "The file of " : "The files of ")
                + String.join(", ", unchanged) + " still " + (unchanged.size() == 1 ? "holds" : "hold")
                + " what the log recorded: nothing to accept there";
        if (accepted.isEmpty()) {
            root.printer().info(still.isEmpty() ? "Nothing to accept: no applied migration's file changed."
                    : still + " (`migrate status` shows which files changed).");
        } else {
            root.printer().info("Accepted the current text (or, for a removed file, the removal) of "
                    + String.join(", ", accepted) + " as what the database has. No migration was run."
                    + (still.isEmpty() ? "" : " " + still + "."));
        }
        return 0;
    }
}
