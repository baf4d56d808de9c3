package dev.migrate.cli;

import dev.migrate.api.CheckIncompleteException;
import dev.migrate.api.CheckOptions;
import dev.migrate.api.CheckReport;
import dev.migrate.api.ExitCodes;
import dev.migrate.api.Problem;
import dev.migrate.db.DialectName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Validate the migrations; exit 3 listing every problem. For CI.",
        "Checks headers, duplicate ids, down_revision and depends_on naming missing revisions, cycles, and files "
                + "in the folder that are not migrations. With --url, also that the database is at head (listing the "
                + "pending revisions)."})
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    FormatOption format;

    @Option(names = "--require-downgrade", description = "Fail on revisions without a downgrade.")
    boolean requireDowngrade;

    @Option(names = "--dialect", paramLabel = "NAME",
            description = "sqlite or postgresql: check SQL bodies as that database reads them (dollar quotes, nested "
                    + "comments). Default: the database of --url; without one, what both would refuse.")
    DialectName dialect;

    @Option(names = "--single-head", description = "Fail when the migrations have several heads (a merge revision is due).")
    boolean singleHead;

    @Override
    public Integer call() {
        boolean json = format.json();
        CheckReport report;
        try {
            report = root.migrator().check(new CheckOptions(requireDowngrade, singleHead, root.url != null,
                    dialect == null ? null : dialect.dialect().name()));
        } catch (CheckIncompleteException unreadable) {
            // The folder's problems first, then the database's error (exit 1), which must not hide them.
            if (json) {
                root.printer().result(Json.write(Json.check(unreadable.folderReport(), unreadable.getMessage())));
            } else {
                printProblems(unreadable.folderReport(), false);
            }
            throw unreadable;
        }
        if (json) {
            root.printer().result(Json.write(Json.check(report, null)));
            return report.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
        printProblems(report, root.url != null);
        if (!report.pending().isEmpty()) {
            String upgrade = "`migrate upgrade " + (report.heads().size() == 1 ? "head" : "heads") + "`";
            root.printer().result("The database is not at head: " + report.pending().size() + " pending ("
                    + Text.someOf(report.pending(), 10) + "). " + (report.problems().isEmpty() ? "Run " + upgrade
                    + "." : "Once the problems above are dealt with, " + upgrade + " applies what is still pending."));
        }
        if (!report.passed()) {
            return ExitCodes.CHECK_FAILED;
        }
        String heads = report.heads().size() == 1 ? "1 head (" + report.heads().get(0) + ")"
                : report.heads().size() + " heads (" + String.join(", ", report.heads()) + ")";
        root.printer().result("OK: " + report.revisions() + (report.revisions() == 1 ? " revision, " : " revisions, ")
                + heads
                + (root.url != null ? (report.heads().size() == 1 ? ", database at head." : ", database at heads.")
                : "."));
        if (report.heads().size() > 1) {
            root.printer().result("Note: `migrate upgrade head` refuses several heads; write a merge revision whose "
                    + "down_revision is " + String.join(", ", report.heads()) + " (migrate merge).");
        }
        return ExitCodes.OK;
    }

    private void printProblems(CheckReport report, boolean withDatabase) {
        if (!report.problems().isEmpty()) {
            root.printer().result(report.problems().size() + (report.problems().size() == 1 ? " problem" : " problems")
                    + " in " + root.config().location() + (withDatabase ? " and the database" : "") + ":");
            for (Problem problem : report.problems()) {
                root.printer().result("  " + problem);
            }
        }
    }
}
