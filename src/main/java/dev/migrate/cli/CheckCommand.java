package dev.migrate.cli;

import dev.migrate.api.CheckReport;
import dev.migrate.api.ExitCodes;
import dev.migrate.api.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "check", description = {
        "Validate the migrations folder; exit 3 listing every problem. For CI.",
        "Checks headers, duplicate ids, down_revision and depends_on naming missing revisions, and cycles, "
                + "without touching a database."})
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Override
    public Integer call() {
        CheckReport report = root.migrator().check();
        if (!report.passed()) {
            root.printer().result(report.problems().size() + (report.problems().size() == 1 ? " problem" : " problems")
                    + " in " + root.config().dir() + ":");
            for (Problem problem : report.problems()) {
                root.printer().result("  " + problem);
            }
            return ExitCodes.CHECK_FAILED;
        }
        String heads = report.heads().size() == 1 ? "1 head (" + report.heads().get(0) + ")"
                : report.heads().size() + " heads (" + String.join(", ", report.heads()) + ")";
        root.printer().result("OK: " + report.revisions() + " revisions, " + heads + ".");
        if (report.heads().size() > 1) {
            root.printer().result("Note: `migrate upgrade head` refuses several heads; write a merge revision whose "
                    + "down_revision is " + String.join(", ", report.heads()) + ".");
        }
        return ExitCodes.OK;
    }
}
