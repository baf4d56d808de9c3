package dev.migrate.cli;

import dev.migrate.api.AcceptResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
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
        AcceptResult result = root.migrator().accept(revisions == null ? List.of() : revisions, all);
        // Named revisions that were left alone: say why of each, not of every file.
        List<String> skipped = new ArrayList<>();
        result.unchanged().forEach(id -> skipped.add(id + ": its file still holds what the log recorded"));
        result.unrecorded().forEach(id -> skipped.add(id + ": the log recorded no text for it (applied before the "
                + "log), so there is nothing to compare or accept"));
        if (result.accepted().isEmpty()) {
            root.printer().info(skipped.isEmpty() ? "Nothing to accept: no applied migration's file changed."
                    : "Nothing was accepted: " + String.join("; ", skipped) + ".");
        } else {
            root.printer().info("Accepted the current text (or, for a removed file, the removal) of "
                    + String.join(", ", result.accepted()) + " as what the database has. No migration was run."
                    + (skipped.isEmpty() ? "" : " Not accepted: " + String.join("; ", skipped) + "."));
        }
        return 0;
    }
}
