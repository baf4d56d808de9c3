package dev.migrate.cli;

import dev.migrate.api.AppliedRevision;
import dev.migrate.api.ExitCodes;
import dev.migrate.api.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Show where the database stands: its rows, the heads, pending revisions, and each applied revision's "
                + "checksum state.",
        "Exit 3 when an applied migration's file changed since it ran, or is gone, or the version table names a "
                + "revision no file declares (see `migrate accept`, `migrate stamp --purge`)."})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        Status status = root.migrator().status();
        int exitCode = status.clean() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        if (format.json()) {
            root.printer().result(Json.write(Json.status(status)));
            return exitCode;
        }
        String folder = root.config().location();
        root.printer().result("Database at: " + Text.heads(status.rows()));
        root.printer().result("Heads:       " + String.join(", ", status.heads()));
        root.printer().result("Pending:     " + (status.pending() == null
                ? "cannot tell: the version table names revisions not in " + folder
                : status.pending().isEmpty() ? "none"
                : status.pending().size() + " (" + String.join(", ", status.pending()) + ")"));
        root.printer().result("Applied:     " + status.applied().size());
        int idWidth = status.applied().stream().mapToInt(r -> r.revision().length()).max().orElse(0);
        for (AppliedRevision revision : status.applied()) {
            root.printer().result(Text.appliedLine(revision, idWidth));
        }
        for (String revision : status.unknown()) {
            if (status.applied().stream().noneMatch(r -> r.revision().equals(revision))) {
                root.printer().result("Unknown:     " + revision + " (no file in " + folder + " declares it, and "
                        + "this database's log does not count it as applied: migrated from another branch or folder, "
                        + "or written into the table by hand)");
            }
        }
        for (String revision : status.unfinished()) {
            root.printer().result("Unfinished: " + revision + " (transaction: false): an earlier run did not finish it; "
                    + "`migrate upgrade` shows which statements completed, `migrate stamp` records the repair.");
        }
        if (!status.unknown().isEmpty()) {
            // accept cannot help here: the version table itself names a revision the folder does not have.
            root.printer().result("The version table names " + String.join(", ", status.unknown()) + ", not in "
                    + folder + ": check out the branch that has " + (status.unknown().size() == 1 ? "it" : "them")
                    + " (or fix --dir), or `migrate stamp --purge REVISION`, naming the revision of this folder "
                    + "whose schema the database really has (`migrate log` shows what ran).");
        }
        boolean acceptable = status.applied().stream().anyMatch(r -> !status.unknown().contains(r.revision())
                && r.differsFromItsFile());
        if (acceptable) {
            // accept refuses while the table names an unknown revision: the repair above comes first.
            root.printer().result("Files differ from what ran (or was last accepted or stamped): " + (status.unknown().isEmpty() ? ""
                    : "once the version table is repaired, ") + "restore them, or `migrate accept REVISION` if the "
                    + "database has what they now say.");
        }
        return exitCode;
    }
}
