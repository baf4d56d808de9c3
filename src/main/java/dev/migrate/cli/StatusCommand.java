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
        "Exit 3 when an applied migration's file changed since it ran, or is gone (see `migrate accept`)."})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        Status status = root.migrator().status();
        boolean clean = status.unfinished().isEmpty() && status.applied().stream().noneMatch(r ->
                r.state().equals(AppliedRevision.CHANGED) || r.state().equals(AppliedRevision.MISSING));
        int exitCode = clean ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        if (format.json()) {
            root.printer().result(Json.write(Json.status(status)));
            return exitCode;
        }
        root.printer().result("Database at: " + Text.heads(status.rows()));
        root.printer().result("Heads:       " + String.join(", ", status.heads()));
        root.printer().result("Pending:     " + (status.pending().isEmpty() ? "none"
                : status.pending().size() + " (" + String.join(", ", status.pending()) + ")"));
        root.printer().result("Applied:     " + status.applied().size());
        for (AppliedRevision revision : status.applied()) {
            root.printer().result(Text.appliedLine(revision));
        }
        for (String revision : status.unfinished()) {
            root.printer().result("Unfinished: " + revision + " (transaction: false): an earlier run did not finish it; "
                    + "`migrate upgrade` shows which statements completed, `migrate stamp` records the repair.");
        }
        if (!clean && status.unfinished().isEmpty()) {
            root.printer().result("Files changed since they ran: restore them, or `migrate accept REVISION` if the "
                    + "database has what they now say.");
        }
        return exitCode;
    }
}
