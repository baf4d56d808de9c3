package dev.migrate.cli;

import dev.migrate.api.AppliedRevision;
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
        List<String> named = revisions == null ? List.of() : revisions;
        List<String> accepted = root.migrator().accept(named, all);
        // Named revisions that were skipped: say why of each, from their state, not of every file.
        List<String> skipped = skipped(named, accepted);
        if (accepted.isEmpty()) {
            root.printer().info(skipped.isEmpty() ? "Nothing to accept: no applied migration's file changed."
                    : "Nothing was accepted: " + String.join("; ", skipped) + ".");
        } else {
            root.printer().info("Accepted the current text (or, for a removed file, the removal) of "
                    + String.join(", ", accepted) + " as what the database has. No migration was run."
                    + (skipped.isEmpty() ? "" : " Not accepted: " + String.join("; ", skipped) + "."));
        }
        return 0;
    }

    /** Why each named revision that was not accepted was left alone, from its state as status reports it. */
    private List<String> skipped(List<String> named, List<String> accepted) {
        List<AppliedRevision> applied = named.isEmpty() ? List.of() : root.migrator().status().applied();
        List<String> reasons = new ArrayList<>();
        for (String name : named) {
            // The revision a name stands for: exactly, else the one applied id it begins.
            List<AppliedRevision> matches = applied.stream().filter(r -> r.revision().equals(name)).toList();
            if (matches.isEmpty()) {
                matches = applied.stream().filter(r -> r.revision().startsWith(name)).toList();
            }
            if (matches.size() != 1 || accepted.contains(matches.get(0).revision())) {
                continue;
            }
            AppliedRevision revision = matches.get(0);
            reasons.add(revision.revision() + (revision.state().equals(AppliedRevision.UNRECORDED)
                    ? ": the log recorded no text for it (applied before the log, or a Java migration), so there is "
                    + "nothing to compare or accept"
                    : ": its file still holds what the log recorded"));
        }
        return reasons;
    }
}
