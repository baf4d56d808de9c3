package dev.migrate.cli;

import dev.migrate.api.ExitCodes;
import dev.migrate.schema.BranchOrderTest;
import dev.migrate.schema.MigrationTestReport;
import dev.migrate.schema.RevisionTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "test", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Test every revision's downgrade, and the order of merged branches, on a scratch database; exit 3 on a problem.",
        "For each revision in upgrade order: read the schema, upgrade, read, downgrade, compare with the first "
                + "reading, upgrade again, compare with the second. Then, for each merge, apply its parents' branches "
                + "in both orders on fresh scratch databases and compare. The scratch database is a temporary SQLite "
                + "file, or with a PostgreSQL --url a temporary database on that server (--dev-url: a schema in the "
                + "database it names). The --url database itself is never changed."})
final class TestCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    FormatOption format;

    @Mixin
    DevUrlOption devUrl;

    @Option(names = "--from", paramLabel = "REV", description = "Test from this revision on (the ones before it are applied untested).")
    String from;

    @Option(names = "--to", paramLabel = "REV", description = "Test up to this revision (default: every head).")
    String to;

    @Override
    public Integer call() {
        boolean json = format.json();
        MigrationTestReport report = root.migrator().test(from, to, devUrl.url);
        if (json) {
            root.printer().result(Json.write(SchemaJson.test(report)));
            return report.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
        Printer out = root.printer();
        out.result("Testing on " + report.database() + ":");
        int problems = 0;
        for (RevisionTest test : report.revisions()) {
            switch (test.outcome()) {
                case PASSED -> out.result("  ok      " + test.revision() + ", " + test.message());
                case IRREVERSIBLE -> out.result("  ok      " + test.revision() + ", " + test.message()
                        + " (no downgrade: upgrade only)");
                case FAILED -> {
                    problems++;
                    out.result("  FAILED  " + test.revision() + ", " + test.message() + ": " + test.failure());
                    if (!test.downgradeDiff().isEmpty()) {
                        out.result("    its downgrade did not restore the schema (before upgrade -> after downgrade):");
                        test.downgradeDiff().lines("      ").forEach(out::result);
                    }
                }
                default -> {
                    problems++;
                    out.result("  DIFFERS " + test.revision() + ", " + test.message());
                    if (!test.downgradeDiff().isEmpty()) {
                        out.result("    its downgrade does not restore the schema (before upgrade -> after downgrade):");
                        test.downgradeDiff().lines("      ").forEach(out::result);
                    }
                    if (!test.repeatDiff().isEmpty()) {
                        out.result("    upgrading again after the downgrade gives another schema (first -> second upgrade):");
                        test.repeatDiff().lines("      ").forEach(out::result);
                    }
                }
            }
        }
        for (BranchOrderTest order : report.branchOrders()) {
            String pair = "branches of merge " + order.merge() + ": " + order.first() + " and " + order.second();
            if (order.passed()) {
                out.result("  ok      " + pair + " commute");
                continue;
            }
            problems++;
            out.result("  ORDER   " + pair + " do not commute");
            if (order.failure() != null) {
                out.result("    " + order.failure());
            } else {
                out.result("    " + order.first() + " first -> " + order.second() + " first:");
                order.diff().lines("      ").forEach(out::result);
            }
            out.result("    Fix: make one branch depend on the other (depends_on in the later one's first revision), "
                    + "so every database applies them in the same order.");
        }
        if (!report.notReached().isEmpty()) {
            problems++;
            out.result("  Not tested after the failure: " + String.join(", ", report.notReached()));
        }
        if (problems == 0) {
            out.result("OK: " + report.revisions().size() + (report.revisions().size() == 1 ? " revision" : " revisions")
                    + (report.branchOrders().isEmpty() ? "" : ", " + report.branchOrders().size() + " branch order(s)")
                    + " tested.");
            return ExitCodes.OK;
        }
        out.result(problems + (problems == 1 ? " problem." : " problems."));
        return ExitCodes.CHECK_FAILED;
    }
}
