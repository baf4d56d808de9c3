package dev.migrate.cli;

import dev.migrate.api.ExitCodes;
import dev.migrate.api.ImportReport;
import dev.migrate.api.ImportRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
        "Convert another tool's migrations into native files in --dir, keeping ids, order, messages, down scripts "
                + "and no-transaction markers; with --url, also stamp the revision that tool's history table records.",
        "TOOL: flyway, golang-migrate, dbmate, goose, diesel or sqitch. Files that cannot be converted are listed with "
                + "the reason (exit 3). Running it again changes nothing; a file edited since is kept as it is."})
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Mixin
    FormatOption format;

    @Option(names = "--from", required = true, paramLabel = "TOOL",
            description = "The tool the migrations were written for: flyway, golang-migrate, dbmate, goose, diesel, sqitch.")
    String tool;

    @Parameters(index = "0", paramLabel = "SRC_DIR",
            description = "The tool's migrations folder (for Sqitch: the project folder with sqitch.plan).")
    Path source;

    @Option(names = "--stamp", description = "Read the tool's history table in the configured database and stamp the "
            + "revision it records. Implied by --url on the command line.")
    boolean stamp;

    @Option(names = "--history-table", paramLabel = "NAME", description = "The tool's history table when it was "
            + "configured with another name (schema.table allowed). Default: the tool's own.")
    String historyTable;

    @Override
    public Integer call() {
        boolean fromHistory = stamp || root.url != null;
        boolean json = format.json();
        if (fromHistory && !json) {
            root.announceDatabase();
        }
        ImportReport report = root.migrator().importFrom(new ImportRequest(tool, source, fromHistory, historyTable));
        if (json) {
            root.printer().result(Json.write(ImportOutput.json(report)));
        } else {
            ImportOutput.text(report, root.config().versionTable()).forEach(root.printer()::result);
        }
        return report.complete() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
